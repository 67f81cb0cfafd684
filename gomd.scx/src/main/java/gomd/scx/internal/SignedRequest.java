package gomd.scx.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;

/**
 * A request from one daemon to another to run a program for {@code cwc}, sent on the console as
 * <pre>
 * scx-run 1 FROM TO ORIGIN PRINCIPAL TIMESTAMP NONCE TIMEOUT_MS MAC PROGRAM [ARG...]
 * </pre>
 * {@code 1} is the format version, FROM and TO the relaying and the target node numbers,
 * ORIGIN and PRINCIPAL the address and name of the caller who typed {@code cwc}, TIMESTAMP the
 * relaying node's clock in epoch milliseconds, NONCE 32 random hex digits, and MAC the
 * HMAC-SHA256 (see {@link RequestMac}) of every other field, base64url without padding.
 *
 * @param from          relaying node number
 * @param to            target node number (a request is good for one node only)
 * @param origin        the original caller's address, an IP literal
 * @param principal     the original caller's name, for the target's log
 * @param timestamp     when it was signed, epoch milliseconds
 * @param nonce         32 lower-case hex digits, never used twice
 * @param timeoutMillis the per-node timeout asked for
 * @param argv          the program and its arguments
 * @param mac           the signature, empty before signing
 */
record SignedRequest(int from, int to, String origin, String principal, long timestamp, String nonce,
                     long timeoutMillis, List<String> argv, String mac) {

    static final String COMMAND = "scx-run";
    static final String VERSION = "1";
    private static final int HEADER_WORDS = 9;
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MAC = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    SignedRequest {
        argv = List.copyOf(argv);
    }

    SignedRequest withMac(String newMac) {
        return new SignedRequest(from, to, origin, principal, timestamp, nonce, timeoutMillis, argv, newMac);
    }

    /** The request line, quoted with {@link CommandLine#join} so the console splits it back exactly. */
    String line() {
        List<String> words = new ArrayList<>();
        words.add(COMMAND);
        words.add(VERSION);
        words.add(Integer.toString(from));
        words.add(Integer.toString(to));
        words.add(origin);
        words.add(principal);
        words.add(Long.toString(timestamp));
        words.add(nonce);
        words.add(Long.toString(timeoutMillis));
        words.add(mac);
        words.addAll(argv);
        return CommandLine.join(words);
    }

    /**
     * What the MAC covers: a domain tag and every field but the MAC, each as a 4-byte length
     * and its UTF-8 bytes, so no two different requests give the same bytes.
     */
    byte[] signedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "gomd.scx.run");
        field(out, VERSION);
        field(out, Integer.toString(from));
        field(out, Integer.toString(to));
        field(out, origin);
        field(out, principal);
        field(out, Long.toString(timestamp));
        field(out, nonce);
        field(out, Long.toString(timeoutMillis));
        field(out, Integer.toString(argv.size()));
        argv.forEach(w -> field(out, w));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    /**
     * Reads the arguments of {@code scx-run} (the words after the command name).
     *
     * @throws CommandException {@link ErrorCode#BAD_REQUEST} when a field is missing or malformed
     */
    static SignedRequest parse(List<String> args) throws CommandException {
        if (args.size() <= HEADER_WORDS || !args.get(0).equals(VERSION)) {
            throw bad("expected " + COMMAND + " " + VERSION
                    + " FROM TO ORIGIN PRINCIPAL TIMESTAMP NONCE TIMEOUT_MS MAC PROGRAM [ARG...]");
        }
        String origin = args.get(3);
        if (!IP_LITERAL.matcher(origin).matches()) {
            throw bad("ORIGIN is not an IP address");
        }
        String nonce = args.get(6);
        String mac = args.get(8);
        if (!NONCE.matcher(nonce).matches() || !MAC.matcher(mac).matches()) {
            throw bad("malformed NONCE or MAC");
        }
        try {
            return new SignedRequest(Integer.parseInt(args.get(1)), Integer.parseInt(args.get(2)), origin, args.get(4),
                    Long.parseLong(args.get(5)), nonce, Long.parseLong(args.get(7)),
                    args.subList(HEADER_WORDS, args.size()), mac);
        } catch (NumberFormatException e) {
            throw bad("FROM, TO, TIMESTAMP and TIMEOUT_MS must be numbers");
        }
    }

    private static CommandException bad(String message) {
        return new CommandException(ErrorCode.BAD_REQUEST, message);
    }
}
