package gomd.itests.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of the line console (docs/PROTOCOL.md): the body lines as received and the
 * terminator, {@code (OK)} or {@code (ERROR:CODE)(MESSAGE:text)}.
 *
 * @param body       body lines, exactly as sent (escaped)
 * @param terminator the terminator line
 */
public record Answer(List<String> body, String terminator) {

    public Answer {
        body = List.copyOf(body);
    }

    /** Whether a line ends an answer. */
    public static boolean isTerminator(String line) {
        return line.equals("(OK)") || line.startsWith("(ERROR:");
    }

    public boolean ok() {
        return terminator.equals("(OK)");
    }

    /** The error code ({@code UNKNOWN_COMMAND}, ...), or null for an {@code (OK)} answer. */
    public String errorCode() {
        return ok() ? null : Wire.parseRecord(terminator).get("ERROR");
    }

    /** The error message (unescaped), or null for an {@code (OK)} answer. */
    public String errorMessage() {
        return ok() ? null : Wire.parseRecord(terminator).get("MESSAGE");
    }

    /** The record lines, parsed and unescaped, in order. */
    public List<Map<String, String>> records() {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : body) {
            if (line.startsWith("(")) {
                out.add(Wire.parseRecord(line));
            }
        }
        return out;
    }

    /** All pairs of all records in one map (a later key wins): handy for single-record answers. */
    public Map<String, String> values() {
        Map<String, String> all = new LinkedHashMap<>();
        records().forEach(all::putAll);
        return all;
    }

    /** One value; fails if no record has that key. */
    public String value(String key) {
        String v = values().get(key);
        if (v == null) {
            throw new AssertionError("no key " + key + " in the answer " + this);
        }
        return v;
    }

    /** The text lines, unescaped. */
    public List<String> text() {
        List<String> out = new ArrayList<>();
        for (String line : body) {
            if (!line.startsWith("(")) {
                out.add(Wire.unescapeText(line));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", body) + (body.isEmpty() ? "" : "\n") + terminator;
    }
}
