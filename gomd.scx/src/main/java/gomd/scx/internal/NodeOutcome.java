package gomd.scx.internal;

import java.time.Duration;
import java.util.Map;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;

/**
 * How a run went on one node: the record that {@code exec} and {@code scx-run} end with and
 * that {@code cwc} gives per node in its summary, e.g.
 * {@code (NODE:3)(NAME:n3)(STATE:EXITED)(EXIT:0)(BYTES:120)(CUT:no)(MS:35)(MESSAGE:)}.
 *
 * @param node     node number
 * @param name     node host name
 * @param state    what happened
 * @param exitCode the exit status for {@code EXITED} and {@code TIMEOUT} ({@code 128 + signal}
 *                 when killed); null when the program did not run
 * @param message  why, for the states other than {@code EXITED}; empty otherwise
 * @param bytes    output bytes the program wrote
 * @param cut      whether its output was cut at a limit
 * @param millis   how long it ran, or how long the node took to refuse or fail
 */
record NodeOutcome(int node, String name, State state, Integer exitCode, String message, long bytes, boolean cut,
                   long millis) {

    enum State {
        /** The program ran and exited by itself (with any exit code). */
        EXITED,
        /** The program was killed at its timeout, with everything it started. */
        TIMEOUT,
        /** The node refused: policy, ACL, signature, limits, unknown program. */
        REFUSED,
        /** The node could not be reached, went away mid-run, or failed. */
        FAILED,
        /** Membership knows the node but not as alive: nothing was sent. */
        DOWN
    }

    NodeOutcome {
        message = message == null ? "" : message;
    }

    /** The program exited with 0. */
    boolean ok() {
        return state == State.EXITED && exitCode != null && exitCode == 0;
    }

    /**
     * How {@code exec} and {@code scx-run} end their answer after the outcome record: OK for
     * exit 0, otherwise the error this outcome stands for.
     */
    void finish() throws CommandException {
        switch (state) {
            case EXITED -> {
                if (!ok()) {
                    throw new CommandException(ErrorCode.FAILED, "exit code " + exitCode);
                }
            }
            case TIMEOUT -> throw new CommandException(ErrorCode.TIMEOUT, message);
            default -> throw new CommandException(ErrorCode.FAILED, message);
        }
    }

    static NodeOutcome of(int node, String name, RunResult r, boolean cut, Duration timeout) {
        State state = switch (r.ending()) {
            case EXITED -> State.EXITED;
            case TIMEOUT -> State.TIMEOUT;
            case CANCELLED -> State.FAILED;
        };
        String message = switch (r.ending()) {
            case EXITED -> "";
            case TIMEOUT -> "killed at its timeout of " + seconds(timeout);
            case CANCELLED -> "cancelled: the caller went away";
        };
        return new NodeOutcome(node, name, state, r.exitCode(), message, r.bytes(), cut, r.elapsed().toMillis());
    }

    /** {@code 5 s}, or {@code 1.5 s} for a timeout that is not whole seconds. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static NodeOutcome failed(int node, String name, State state, String message, long millis) {
        return new NodeOutcome(node, name, state, null, message, 0, false, millis);
    }

    Record toRecord() {
        return Record.builder().put("NODE", node).put("NAME", name).put("STATE", state).put("EXIT", exitCode)
                .put("BYTES", bytes).put("CUT", cut ? "yes" : "no").put("MS", millis).put("MESSAGE", message).build();
    }

    /**
     * Reads the record a remote {@code scx-run} ended with.
     *
     * @throws IllegalArgumentException when it is not such a record
     */
    static NodeOutcome fromRecord(Record r) {
        Map<String, String> f = r.fields();
        try {
            String exit = f.get("EXIT");
            return new NodeOutcome(Integer.parseInt(f.get("NODE")), f.get("NAME"), State.valueOf(f.get("STATE")),
                    exit == null || exit.isEmpty() ? null : Integer.valueOf(exit), f.get("MESSAGE"),
                    Long.parseLong(f.get("BYTES")), "yes".equals(f.get("CUT")), Long.parseLong(f.get("MS")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an SCX outcome record: " + r, e);
        }
    }
}
