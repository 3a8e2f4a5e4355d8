package io.motam.gateway.state;

/** Whether an operator command was accepted, and why not when it was refused. */
public record CommandOutcome(boolean accepted, String reason) {

    public static CommandOutcome ok() {
        return new CommandOutcome(true, "ok");
    }

    public static CommandOutcome refused(String reason) {
        return new CommandOutcome(false, reason);
    }
}
