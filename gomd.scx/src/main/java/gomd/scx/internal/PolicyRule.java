package gomd.scx.internal;

import java.util.List;

/**
 * One rule of the SCX policy.
 *
 * @param line     its line in {@code scx.conf} (0 for the built-in default)
 * @param text     the line as written, for logs and {@code scx policy}
 * @param words    the command words it matches: program first, then arguments; empty for the
 *                 catch-all that the {@code SCX_ALL_CMDS_*} macro (or the default) stands for
 * @param wildcard whether more arguments may follow {@code words} (a trailing {@code *})
 * @param flag     what it says about the commands it matches
 */
record PolicyRule(int line, String text, List<String> words, boolean wildcard, PolicyFlag flag) {

    PolicyRule {
        words = List.copyOf(words);
    }

    boolean isCatchAll() {
        return words.isEmpty();
    }

    /** Exact rules beat every prefix rule; among prefix rules the longer prefix wins. */
    int specificity() {
        return wildcard ? words.size() : Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return (line == 0 ? "default" : "line " + line) + " '" + text + "'";
    }
}
