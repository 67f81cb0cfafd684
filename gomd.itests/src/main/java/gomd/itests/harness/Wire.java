package gomd.itests.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the escaped forms of docs/PROTOCOL.md: {@code (KEY:VALUE)} records and text lines. */
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
        if (c != '\\' || i + 1 >= s.length()) {
            out.append(c);
            return i + 1;
        }
        char e = s.charAt(i + 1);
        switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'x' -> {
                if (i + 4 <= s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    return i + 4;
                }
                out.append(e);
            }
            case 'u' -> {
                if (i + 6 <= s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    return i + 6;
                }
                out.append(e);
            }
            default -> out.append(e);
        }
        return i + 2;
    }
}
