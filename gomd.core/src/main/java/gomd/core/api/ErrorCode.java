package gomd.core.api;

/** Why a request failed; sent on the wire as {@code (ERROR:CODE)(MESSAGE:text)}. */
public enum ErrorCode {
    /** No command of that name. */
    UNKNOWN_COMMAND,
    /** Missing, extra or malformed arguments. */
    BAD_REQUEST,
    /** The caller lacks the permission (the message never tells what exists beyond it). */
    DENIED,
    /** The thing asked for does not exist (interface, file, node, collector). */
    NOT_FOUND,
    /** A source or service needed for the answer is not there or not ready. */
    UNAVAILABLE,
    /** The answer took longer than allowed. */
    TIMEOUT,
    /** Line, output or argument over its limit. */
    TOO_LARGE,
    /** Too many connections or requests at once. */
    BUSY,
    /** The command ran and failed. */
    FAILED,
    /** A bug: logged with its stack trace on the node, never sent to the caller. */
    INTERNAL
}
