package io.motam.gateway.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code quarkus-run.jar}: with no arguments (or unknown ones) it runs the
 * gateway; with a command ({@code pair}, {@code revoke}, {@code stop}, {@code resume},
 * {@code release}, {@code status}, {@code hash-release-code}) it runs {@link Cli} instead and
 * exits, without starting Quarkus.
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        if (args.length > 0 && Cli.isCommand(args[0])) {
            System.exit(Cli.run(args, System.in, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
