package gomd.core.api;

import java.util.Objects;

/** A command's failure, with a code a program can act on and a one-line message for people. */
public class CommandException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public CommandException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public CommandException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
