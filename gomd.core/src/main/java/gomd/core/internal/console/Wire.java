package gomd.core.internal.console;

import java.util.Map;

import gomd.core.api.ErrorCode;
import gomd.core.api.Record;

/**
 * The line format of docs/PROTOCOL.md, "Answers": how records, text lines and terminators are
 * written. Lines are returned without their {@code \r\n}. Public for the stats log, which
 * writes records in the same form.
 */
public final class Wire {

    /** The terminator of a successful answer. */
    static final String OK = "(OK)";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Wire() {
    }

    /** {@code (KEY:VALUE)...}: keys are safe by construction ({@link Record#KEY}), values are escaped. */
    public static String record(Record record) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : record.fields().entrySet()) {
            sb.append('(').append(e.getKey()).append(':');
            escapeValue(e.getValue(), sb);
            sb.append(')');
        }
        return sb.toString();
    }

    /** The terminator of a failed answer. */
    static String error(ErrorCode code, String message) {
        StringBuilder sb = new StringBuilder("(ERROR:").append(code.name()).append(")(MESSAGE:");
        escapeValue(message == null ? "" : message, sb);
        return sb.append(')').toString();
    }

    /**
     * A line of free text. Backslashes are doubled and line breaks and other control characters
     * escaped as in values, but {@code ( ) :} and tab stay as they are (readable on a terminal);
     * only a leading {@code (} is escaped, so a text line never starts with one and cannot be
     * taken for a record or a terminator.
     */
    static String text(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' && i == 0) {
                sb.append("\\(");
            } else if (c == '\t') {
                sb.append(c);
            } else if (!escapeCommon(c, sb)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void escapeValue(String value, StringBuilder sb) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '(', ')', ':' -> sb.append('\\').append(c);
                case '\t' -> sb.append("\\t");
                default -> {
                    if (!escapeCommon(c, sb)) {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /**
     * The escapes values and text share: backslash, line breaks, control characters (C0, DEL,
     * C1) and the Unicode line and paragraph separators, which some readers split lines on.
     */
    private static boolean escapeCommon(char c, StringBuilder sb) {
        if (c == '\\') {
            sb.append("\\\\");
        } else if (c == '\n') {
            sb.append("\\n");
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else if (c == '\u2028' || c == '\u2029') {
            sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                    .append(HEX[c & 0xf]);
        } else {
            return false;
        }
        return true;
    }
}
