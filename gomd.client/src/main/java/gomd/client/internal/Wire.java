package gomd.client.internal;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.ResultItem;
import gomd.core.api.Text;

/**
 * Reads the lines of an answer as docs/PROTOCOL.md defines them: the terminators
 * {@code (OK)} and {@code (ERROR:CODE)(MESSAGE:text)}, record lines and text lines, with their
 * escapes. A record that breaks the rules is a protocol error ({@link ErrorCode#FAILED}),
 * because a client that guesses could hand a caller a wrong value.
 */
public final class Wire {

    static final String OK = "(OK)";
    private static final String ERROR_PREFIX = "(ERROR:";

    private Wire() {
    }

    /** True for the success terminator. */
    public static boolean isOk(String line) {
        return OK.equals(line);
    }

    /** True for an error terminator: a record never has {@code ERROR} as its first key. */
    public static boolean isError(String line) {
        return line.startsWith(ERROR_PREFIX);
    }

    /**
     * The error an error terminator carries. A code this client does not know (a newer
     * server) becomes {@link ErrorCode#FAILED} with the code kept in the message.
     */
    public static CommandException error(String line) throws CommandException {
        Record r = record(line);
        String code = r.get("ERROR");
        String message = r.get("MESSAGE") == null ? code : r.get("MESSAGE");
        try {
            return new CommandException(ErrorCode.valueOf(code), message);
        } catch (IllegalArgumentException unknown) {
            return new CommandException(ErrorCode.FAILED, code + ": " + message);
        }
    }

    /** A body line: a {@link Record} if it starts with {@code (}, else a {@link Text} line. */
    public static ResultItem body(String line) throws CommandException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw protocol("raw control character 0x" + Integer.toHexString(c) + " in answer line");
            }
        }
        return line.startsWith("(") ? record(line) : new Text(text(line));
    }

    /** Parses {@code (KEY:VALUE)(KEY:VALUE)...}: keys as {@link Record#KEY}, values unescaped. */
    public static Record record(String line) throws CommandException {
        Record.Builder b = Record.builder();
        StringBuilder value = new StringBuilder();
        int n = line.length();
        if (n == 0) {
            throw malformed(line, "empty line");
        }
        int i = 0;
        do {
            if (line.charAt(i) != '(') {
                throw malformed(line, "expected ( at column " + (i + 1));
            }
            int colon = line.indexOf(':', i + 1);
            if (colon < 0) {
                throw malformed(line, "no : after the key at column " + (i + 1));
            }
            String key = line.substring(i + 1, colon);
            if (!Record.KEY.matcher(key).matches()) {
                throw malformed(line, "bad key at column " + (i + 2));
            }
            value.setLength(0);
            int j = colon + 1;
            for (char c; (c = charAt(line, j)) != ')'; ) {
                if (c == '(' || c == ':') {
                    throw malformed(line, "unescaped " + c + " in a value at column " + (j + 1));
                }
                if (c != '\\') {
                    value.append(c);
                    j++;
                    continue;
                }
                char e = charAt(line, j + 1);
                switch (e) {
                    case '\\', '(', ')', ':' -> value.append(e);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'x', 'u' -> {
                        int digits = e == 'x' ? 2 : 4;
                        int code = hex(line, j + 2, digits);
                        if (code < 0) {
                            throw malformed(line, "bad \\" + e + " escape at column " + (j + 1));
                        }
                        value.append((char) code);
                        j += digits;
                    }
                    default -> throw malformed(line, "unknown escape \\" + e + " at column " + (j + 1));
                }
                j += 2;
            }
            try {
                b.put(key, value.toString());
            } catch (IllegalArgumentException duplicate) {
                throw malformed(line, "key " + key + " twice");
            }
            i = j + 1;
        } while (i < n);
        return b.build();
    }

    /**
     * Undoes the escapes of a text line, left to right, as for values: {@code \\ \( \) \:},
     * {@code \n \r \t}, {@code \xHH} and backslash-u with four hex digits. The console writes no
     * other escape; a backslash before anything else is kept as it is, since text is free-form
     * and, unlike a record, has no structure a stray character could break.
     */
    public static String text(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            char e = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            int code;
            if (c != '\\') {
                out.append(c);
                i++;
            } else if (e == '\\' || e == '(' || e == ')' || e == ':') {
                out.append(e);
                i += 2;
            } else if (e == 'n' || e == 'r' || e == 't') {
                out.append(e == 'n' ? '\n' : e == 'r' ? '\r' : '\t');
                i += 2;
            } else if (e == 'x' && (code = hex(line, i + 2, 2)) >= 0) {
                out.append((char) code);
                i += 4;
            } else if (e == 'u' && (code = hex(line, i + 2, 4)) >= 0) {
                out.append((char) code);
                i += 6;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The protocol error for an answer this client cannot read. */
    public static CommandException protocol(String what) {
        return new CommandException(ErrorCode.FAILED, "protocol error: " + what);
    }

    private static CommandException malformed(String line, String what) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return protocol("malformed record (" + what + "): " + shown);
    }

    /** The character at {@code i}; running off the end means a pair was never closed. */
    private static char charAt(String line, int i) throws CommandException {
        if (i >= line.length()) {
            throw malformed(line, "a pair is not closed by )");
        }
        return line.charAt(i);
    }

    /** The value of the {@code digits} hex digits at {@code i}, or -1. */
    private static int hex(String s, int i, int digits) {
        if (i + digits > s.length()) {
            return -1;
        }
        int value = 0;
        for (int k = i; k < i + digits; k++) {
            int d = hexDigit(s.charAt(k));
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
