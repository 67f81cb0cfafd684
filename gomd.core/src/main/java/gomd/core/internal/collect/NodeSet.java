package gomd.core.internal.collect;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/** The node part of a cluster-wide request: {@code ALL} or node numbers such as {@code 1-3,5}. */
record NodeSet(boolean all, SortedSet<Integer> numbers) {

    static final String ALL = "ALL";
    static final int MAX_NODES = 4096;
    private static final Pattern SYNTAX = Pattern.compile("\\d{1,7}(-\\d{1,7})?(,\\d{1,7}(-\\d{1,7})?)*");

    static boolean looksLike(String word) {
        return ALL.equals(word) || SYNTAX.matcher(word).matches();
    }

    static NodeSet parse(String word) throws CommandException {
        if (ALL.equals(word)) {
            return new NodeSet(true, Collections.emptySortedSet());
        }
        if (!SYNTAX.matcher(word).matches()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "not a node set: " + word + " (e.g. ALL or 1-3,5)");
        }
        SortedSet<Integer> numbers = new TreeSet<>();
        for (String part : word.split(",")) {
            String[] ends = part.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 1 ? from : Integer.parseInt(ends[1]);
            if (to < from) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "backward node range: " + part);
            }
            if (to - from >= MAX_NODES) {
                throw new CommandException(ErrorCode.TOO_LARGE, "more than " + MAX_NODES + " nodes: " + word);
            }
            for (int n = from; n <= to; n++) {
                numbers.add(n);
            }
            if (numbers.size() > MAX_NODES) {
                throw new CommandException(ErrorCode.TOO_LARGE, "more than " + MAX_NODES + " nodes: " + word);
            }
        }
        return new NodeSet(false, Collections.unmodifiableSortedSet(numbers));
    }
}
