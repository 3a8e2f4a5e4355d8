package io.motam.gateway.mqtt;

import java.util.Set;

/** The last topic level of the commands under {@code <prefix>/<gw>/cmd/} (docs/mqtt.md, "Commands"). */
final class CommandNames {
    static final String STOP = "stop";
    static final String RESUME = "resume";
    static final String RELEASE = "release";
    static final String PAIR = "pair";
    static final String REVOKE = "revoke";
    /** Home Assistant's alarm panel: {@code {"action":"ARM_AWAY|ARM_HOME|DISARM","code":..}}. */
    static final String ALARM = "alarm";
    /** Our own answers, which the {@code cmd/+} subscription also brings back. */
    static final String RESULT = "result";

    static final Set<String> ALL = Set.of(STOP, RESUME, RELEASE, PAIR, REVOKE, ALARM);

    private CommandNames() {}
}
