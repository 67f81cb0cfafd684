package gomd.core.internal.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;

/**
 * The words of {@code get SOURCE [ARG...] [ALL|NODES]}. How many ARGs a source takes decides
 * what the last word is: {@code get cpu 3} is core 3, {@code get load 3} is node 3.
 * Sources with a selector take one (or {@code *} for all); {@code ps} takes {@code [cpu|mem] [N]};
 * {@code proc} takes the file.
 *
 * @param source the source name
 * @param args   its arguments (selector, ps ordering and count, /proc file)
 * @param nodes  the node part, empty for a local request
 */
record GetRequest(String source, List<String> args, Optional<NodeSet> nodes) {

    static final String PROC = "proc";
    static final String EVERY = "*";
    static final String USAGE = "get SOURCE [SELECTOR|*] [ALL|NODES]";

    static GetRequest parse(List<String> words, Function<String, Optional<SourceInfo>> lookup)
            throws CommandException {
        String source = words.get(0);
        List<String> rest = words.subList(1, words.size());
        Optional<SourceInfo> info = lookup.apply(source);
        int taken;
        if (source.equals(PROC)) {
            if (rest.isEmpty()) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "usage: get proc FILE [ALL|NODES]");
            }
            taken = 1;
        } else if (info.isEmpty()) {
            // a source this node lacks may still exist on others: get sensors ALL
            if (rest.isEmpty() || !NodeSet.looksLike(rest.get(rest.size() - 1))) {
                throw new CommandException(ErrorCode.NOT_FOUND, "no source " + source + " (get lists them)");
            }
            taken = rest.size() - 1;
        } else if (source.equals(PsView.SOURCE)) {
            taken = 0;
            if (taken < rest.size() && PsView.isSortKey(rest.get(taken))) {
                taken++;
            }
            if (taken < rest.size() && rest.get(taken).matches("\\d{1,6}")) {
                taken++;
            }
        } else if (info.get().hasSelector()) {
            taken = rest.isEmpty() || rest.get(0).equals(NodeSet.ALL) ? 0 : 1;
        } else {
            taken = 0;
        }
        List<String> after = rest.subList(taken, rest.size());
        if (after.size() > 1 || after.size() == 1 && !NodeSet.looksLike(after.get(0))) {
            String usage = info.map(i -> i.hasSelector() ? "get " + source + " [" + i.selector() + "|*] [ALL|NODES]"
                    : "get " + source + (source.equals(PsView.SOURCE) ? " [cpu|mem] [N]" : "") + " [ALL|NODES]")
                    .orElse(USAGE);
            throw new CommandException(ErrorCode.BAD_REQUEST, "unexpected '" + after.get(0) + "'; usage: " + usage);
        }
        Optional<NodeSet> nodes = after.isEmpty() ? Optional.empty() : Optional.of(NodeSet.parse(after.get(0)));
        return new GetRequest(source, List.copyOf(rest.subList(0, taken)), nodes);
    }

    /** The request as each node gets it: without the node part. */
    String localLine() {
        List<String> words = new ArrayList<>();
        words.add("get");
        words.add(source);
        words.addAll(args);
        return CommandLine.join(words);
    }
}
