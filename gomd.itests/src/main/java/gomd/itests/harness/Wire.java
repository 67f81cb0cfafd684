package gomd.itests.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading the escaped forms of docs/PROTOCOL.md: {@code (KEY:VALUE)} records and text lines.
 * Written from the protocol document, independently of gomd.client's reader, and strict: a
 * line the server escaped wrongly fails the test instead of being read as something else.
 */
public final class Wire {

    private Wire() {
    }

    /**
     * Parses {@code (KEY:VALUE)(KEY:VALUE)...} into an ordered map with unescaped values.
     *
     * @throws IllegalArgumentException if the line is not a well-formed record
     */
    public static Map<String, String> parseRecord(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '(') {
                throw new IllegalArgumentException("expected ( at column " + (i + 1) + ": " + line);
            }
            int colon = line.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalArgumentException("no : after the key at column " + (i + 1) + ": " + line);
            }
            String key = line.substring(i + 1, colon);
            StringBuilder value = new StringBuilder();
            int j = colon + 1;
            while (j < line.length() && line.charAt(j) != ')') {
                if (line.charAt(j) == '(' || line.charAt(j) == ':') {
                    throw new IllegalArgumentException("unescaped " + line.charAt(j) + " in the value of " + key
                            + ": " + line);
                }
                j = unescapeOne(line, j, value);
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("unclosed pair " + key + ": " + line);
            }
            fields.put(key, value.toString());
            i = j + 1;
        }
        return fields;
    }

    /** A text line as the command wrote it: the escapes undone. */
    public static String unescapeText(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); ) {
            i = unescapeOne(line, i, sb);
        }
        return sb.toString();
    }

    /** Appends the character (or escape) at {@code i} and returns the index after it. */
    private static int unescapeOne(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (c != '\\') {
            out.append(c);
            return i + 1;
        }
        if (i + 1 >= s.length()) {
            throw new IllegalArgumentException("backslash at the end: " + s);
        }
        char e = s.charAt(i + 1);
        switch (e) {
            case '\\', '(', ')', ':' -> out.append(e);
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'x', 'u' -> {
                int digits = e == 'x' ? 2 : 4;
                String hex = i + 2 + digits <= s.length() ? s.substring(i + 2, i + 2 + digits) : "";
                if (!hex.matches("[0-9A-F]{" + digits + "}")) {
                    throw new IllegalArgumentException("bad \\" + e + " escape at column " + (i + 1) + ": " + s);
                }
                out.append((char) Integer.parseInt(hex, 16));
                return i + 2 + digits;
            }
            default -> throw new IllegalArgumentException("unknown escape \\" + e + " at column " + (i + 1) + ": " + s);
        }
        return i + 2;
    }
}
