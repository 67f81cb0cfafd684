package gomd.core.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The quoting rule for request lines, the same on every front end (documented in
 * docs/PROTOCOL.md): words are separated by blanks; {@code '...'} quotes literally;
 * {@code "..."} quotes with {@code \"} and {@code \\} escapes; outside quotes {@code \}
 * escapes the next character. Nothing else is special: no globbing, variables or operators.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits a line into words.
     *
     * @throws CommandException {@link ErrorCode#BAD_REQUEST} on an unclosed quote, a trailing
     *                          backslash or a control character (NUL, newline, ...)
     */
    public static List<String> split(String line) throws CommandException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "control character in request at column " + (i + 1));
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (++i == line.length()) {
                        throw new CommandException(ErrorCode.BAD_REQUEST, "backslash at end of request");
                    }
                    word.append(line.charAt(i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Quotes words so that {@link #split} gives them back unchanged. */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (!w.isEmpty() && w.chars().allMatch(ch -> ch > ' ' && ch != '\'' && ch != '"' && ch != '\\' && ch != 0x7f)) {
                sb.append(w);
            } else {
                sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
