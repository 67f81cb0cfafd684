package gomd.scx.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * The options of {@code exec} and {@code cwc}, in front of the command, as clush and pdsh users
 * know them. Option parsing stops at the first word that is not an option, or after {@code --},
 * so the program's own options are never taken for ours.
 *
 * @param nodes    {@code -w SET}: only these nodes (empty: every node); repeatable
 * @param excluded {@code -x SET}: not these nodes; repeatable
 * @param noLocal  {@code --no-local}: not the local node
 * @param gather   {@code -b}: gather identical output into one block per set of nodes
 * @param timeout  {@code -t SECONDS}: per-node timeout
 * @param fanout   {@code -f N}: how many nodes run at once
 * @param argv     the program and its arguments
 */
record ExecOptions(List<NodeSet> nodes, List<NodeSet> excluded, boolean noLocal, boolean gather,
                   Optional<Duration> timeout, OptionalInt fanout, List<String> argv) {

    static final String EXEC_SYNOPSIS = "exec [-t SECONDS] [--] PROGRAM [ARG...]";
    static final String CWC_SYNOPSIS =
            "cwc [-w NODESET] [-x NODESET] [--no-local] [-b] [-t SECONDS] [-f FANOUT] [--] PROGRAM [ARG...]";
    private static final int MAX_SECONDS = 7 * 24 * 3600;
    private static final int MAX_FANOUT = 4096;

    ExecOptions {
        nodes = List.copyOf(nodes);
        excluded = List.copyOf(excluded);
        argv = List.copyOf(argv);
    }

    /**
     * Parses {@code args}; with {@code cluster} false only {@code -t} is an option (exec).
     *
     * @throws CommandException {@link ErrorCode#BAD_REQUEST} with the synopsis
     */
    static ExecOptions parse(List<String> args, boolean cluster) throws CommandException {
        String synopsis = cluster ? CWC_SYNOPSIS : EXEC_SYNOPSIS;
        List<NodeSet> nodes = new ArrayList<>();
        List<NodeSet> excluded = new ArrayList<>();
        boolean noLocal = false;
        boolean gather = false;
        Optional<Duration> timeout = Optional.empty();
        OptionalInt fanout = OptionalInt.empty();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.equals("-t") || a.equals("--timeout")) {
                timeout = Optional.of(Duration.ofSeconds(number(args, ++i, a, MAX_SECONDS, synopsis)));
            } else if (!cluster) {
                throw bad("unknown option " + a, synopsis);
            } else if (a.equals("-w") || a.equals("--nodes")) {
                nodes.add(NodeSet.parse(value(args, ++i, a, synopsis)));
            } else if (a.equals("-x") || a.equals("--exclude")) {
                excluded.add(NodeSet.parse(value(args, ++i, a, synopsis)));
            } else if (a.equals("-f") || a.equals("--fanout")) {
                fanout = OptionalInt.of(number(args, ++i, a, MAX_FANOUT, synopsis));
            } else if (a.equals("-b") || a.equals("--gather")) {
                gather = true;
            } else if (a.equals("--no-local")) {
                noLocal = true;
            } else {
                throw bad("unknown option " + a, synopsis);
            }
        }
        List<String> argv = args.subList(Math.min(i, args.size()), args.size());
        if (argv.isEmpty()) {
            throw bad("no program given", synopsis);
        }
        return new ExecOptions(nodes, excluded, noLocal, gather, timeout, fanout, argv);
    }

    private static String value(List<String> args, int i, String option, String synopsis) throws CommandException {
        if (i >= args.size()) {
            throw bad(option + " needs a value", synopsis);
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i, String option, int max, String synopsis)
            throws CommandException {
        String v = value(args, i, option, synopsis);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(option + " needs a whole number from 1 to " + max + ", not '" + v + "'", synopsis);
    }

    private static CommandException bad(String message, String synopsis) {
        return new CommandException(ErrorCode.BAD_REQUEST, message + "; usage: " + synopsis);
    }
}
