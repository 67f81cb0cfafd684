package gomd.core.api;

import java.net.InetAddress;
import java.util.List;

/**
 * A request made by code inside the daemon (another bundle, the cluster fan-out answering for
 * the local node). It runs with the loopback address unless a caller address is given, so the
 * access policy still applies.
 */
public record InternalRequest(String command, List<String> args, String line, InetAddress callerAddress,
                              String principal, FrontEnd frontEnd) implements Request {

    public InternalRequest {
        args = List.copyOf(args);
    }

    /** Parses {@code line} with {@link CommandLine#split}; the caller is loopback. */
    public static InternalRequest of(String line) throws CommandException {
        return from(InetAddress.getLoopbackAddress(), "internal", line);
    }

    /** Parses {@code line} on behalf of a caller at {@code caller}. */
    public static InternalRequest from(InetAddress caller, String principal, String line) throws CommandException {
        List<String> words = CommandLine.split(line);
        if (words.isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "empty request");
        }
        return new InternalRequest(words.get(0), words.subList(1, words.size()), line, caller, principal,
                FrontEnd.INTERNAL);
    }
}
