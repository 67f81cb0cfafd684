package gomd.core.internal.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader written from docs/PROTOCOL.md alone, as a client author would: the tests check that
 * what the server writes reads back to what the command wrote.
 */
final class WireReader {

    private WireReader() {
    }

    static boolean isTerminator(String line) {
        return line.equals("(OK)") || line.startsWith("(ERROR:");
    }

    static boolean isRecord(String line) {
        return line.startsWith("(") && !isTerminator(line);
    }

    /** The pairs of a record (or terminator) line, values unescaped. */
    static Map<String, String> pairs(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '(') {
                throw new IllegalArgumentException("expected ( at " + i + " in " + line);
            }
            int colon = line.indexOf(':', i);
            String key = line.substring(i + 1, colon);
            int j = colon + 1;
            while (line.charAt(j) != ')') {
                j += line.charAt(j) == '\\' ? 2 : 1;
            }
            pairs.put(key, unescape(line.substring(colon + 1, j)));
            i = j + 1;
        }
        return pairs;
    }

    /** The text of a text line. */
    static String text(String line) {
        return unescape(line);
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\', '(', ')', ':' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + s);
            }
        }
        return sb.toString();
    }
}
