package gomd.scx.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;

/**
 * A set of nodes as clush and pdsh users write it: comma-separated node numbers, ranges of
 * numbers and host names, e.g. {@code 1-8,12,alpha}. Names match case-insensitively.
 */
final class NodeSet {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final int MAX_ITEMS = 1024;

    /** One comma-separated part: a range of numbers ({@code name == null}) or a host name. */
    private record Item(String text, int from, int to, String name) {
        boolean matches(NodeInfo node) {
            return name == null ? node.number() >= from && node.number() <= to : name.equalsIgnoreCase(node.name());
        }
    }

    private final List<Item> items;

    private NodeSet(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** @throws CommandException {@link ErrorCode#BAD_REQUEST} for anything that is not a node set */
    static NodeSet parse(String text) throws CommandException {
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_ITEMS) {
            throw new CommandException(ErrorCode.TOO_LARGE, "node set of more than " + MAX_ITEMS + " parts");
        }
        List<Item> items = new ArrayList<>();
        for (String part : parts) {
            Matcher m = RANGE.matcher(part);
            if (m.matches()) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                if (to < from) {
                    throw new CommandException(ErrorCode.BAD_REQUEST, "bad node range: " + part);
                }
                items.add(new Item(part, from, to, null));
            } else if (NAME.matcher(part).matches()) {
                items.add(new Item(part, 0, 0, part));
            } else {
                throw new CommandException(ErrorCode.BAD_REQUEST, "not a node number, range or name: '" + part + "'");
            }
        }
        return new NodeSet(items);
    }

    boolean contains(NodeInfo node) {
        return items.stream().anyMatch(i -> i.matches(node));
    }

    /** The parts that name none of {@code nodes}, as written. */
    List<String> unmatched(Collection<NodeInfo> nodes) {
        return items.stream().filter(i -> nodes.stream().noneMatch(i::matches)).map(Item::text).toList();
    }

    /** Node numbers folded into ranges: {@code 1-3,5}. */
    static String fold(Collection<Integer> numbers) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int n : new TreeSet<>(numbers)) {
            if (prev != null && n == prev + 1) {
                prev = n;
                continue;
            }
            appendRange(sb, start, prev);
            start = n;
            prev = n;
        }
        appendRange(sb, start, prev);
        return sb.toString();
    }

    private static void appendRange(StringBuilder sb, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (!start.equals(end)) {
            sb.append('-').append(end);
        }
    }
}
