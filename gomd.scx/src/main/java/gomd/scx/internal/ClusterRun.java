package gomd.scx.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Result;
import gomd.core.api.Text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code cwc}: runs the command on the chosen nodes, at most {@code fanout} at once, the
 * local node last ("postponing local node", as the seed did), and writes the answer through a
 * {@link ClusterOutput}. Each remote node gets its own signed request and decides for itself.
 */
final class ClusterRun {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);
    /** How much longer than the per-node timeout a remote node gets to report its kill. */
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final long CANCEL_CHECK_MS = 200;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScxEngine engine;
    private final NodeChannel channel;
    private final ClusterOutput out;
    private final Caller caller;
    private final List<String> argv;
    private final Duration timeout;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final BooleanSupplier stop;

    ClusterRun(ScxEngine engine, NodeChannel channel, Reply reply, Caller caller, List<String> argv, Duration timeout,
               boolean gather) {
        this.engine = engine;
        this.channel = channel;
        Settings s = engine.settings();
        this.out = new ClusterOutput(reply, new OutputCap(s.maxBytesPerNode(), s.maxBytesTotal()), gather);
        this.caller = caller;
        this.argv = List.copyOf(argv);
        this.timeout = timeout;
        this.stop = () -> cancelled.get() || reply.isClosed();
    }

    /**
     * Runs on {@code alive} and writes the whole answer; {@code down} are reported only.
     *
     * @throws CommandException {@link ErrorCode#FAILED} when a node did not exit 0 (after the summary)
     */
    void run(List<NodeInfo> alive, List<NodeOutcome> down, int fanout) throws CommandException {
        String command = CommandLine.join(argv);
        int local = engine.nodeNumber();
        List<NodeInfo> remote = alive.stream().filter(n -> n.number() != local).toList();
        NodeInfo self = alive.stream().filter(n -> n.number() == local).findFirst().orElse(null);
        Map<Integer, NodeOutcome> outcomes = new TreeMap<>();
        down.forEach(o -> outcomes.put(o.node(), o));
        int width = Math.max(1, Math.min(fanout, alive.size()));
        ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "gomd-cwc-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<NodeInfo, Future<NodeOutcome>> running = new TreeMap<>(Comparator.comparingInt(NodeInfo::number));
        try {
            if (self != null && !remote.isEmpty()) {
                out.progress("- postponing local node");
            }
            for (NodeInfo node : remote) {
                out.progress("- sending cmd request (exec cmd " + command + ") to: " + node.address().getHostAddress()
                        + " (node #" + node.number() + ")");
                running.put(node, pool.submit(() -> remote(node)));
            }
            if (!remote.isEmpty()) {
                out.progress("- waiting for process output from remote gomd");
            }
            if (self != null) {
                out.progress("- running cmd (exec cmd " + command + ") on the local node (node #" + local + ")");
                running.put(self, pool.submit(() -> local(self)));
            }
            running.forEach((node, f) -> outcomes.put(node.number(), await(node, f)));
        } finally {
            cancelled.set(true);
            pool.shutdownNow();
        }
        out.writeGathered();
        if (!remote.isEmpty()) {
            out.progress("- end of remote process output.");
        }
        summary(new ArrayList<>(outcomes.values()));
    }

    private NodeOutcome await(NodeInfo node, Future<NodeOutcome> f) {
        try {
            while (true) {
                try {
                    return f.get(CANCEL_CHECK_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (stop.getAsBoolean()) {
                        cancelled.set(true); // the node's task sees it and ends soon
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            return NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.FAILED, "interrupted", 0);
        } catch (ExecutionException e) {
            LOG.error("SCX: cwc on node #{} failed", node.number(), e.getCause());
            return NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.FAILED, "internal error", 0);
        }
    }

    private NodeOutcome local(NodeInfo node) {
        long start = System.nanoTime();
        OutputCap.Source sink = out.node(node.number());
        try {
            RunResult r = engine.run(argv, caller, timeout, sink, stop);
            return NodeOutcome.of(node.number(), node.name(), r, sink.isCut(), timeout);
        } catch (CommandException e) {
            return NodeOutcome.failed(node.number(), node.name(), stateOf(e.code()), e.getMessage(),
                    millisSince(start));
        }
    }

    private NodeOutcome remote(NodeInfo node) {
        long start = System.nanoTime();
        OutputCap.Source sink = out.node(node.number());
        SignedRequest request;
        try {
            request = engine.sign(node, caller, timeout, argv);
        } catch (CommandException e) {
            return NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.FAILED, e.getMessage(), 0);
        }
        AtomicReference<NodeOutcome> reported = new AtomicReference<>();
        Result answer = channel.stream(node, request.line(), timeout.plus(GRACE), item -> {
            if (item instanceof Text t) {
                sink.line(t.line());
            } else if (item instanceof Record r) {
                try {
                    reported.set(NodeOutcome.fromRecord(r));
                } catch (IllegalArgumentException e) {
                    LOG.warn("SCX: node #{} answered with a record that is not an outcome: {}", node.number(), r);
                }
            }
        }, stop);
        NodeOutcome o = reported.get();
        if (o != null) {
            return new NodeOutcome(node.number(), node.name(), o.state(), o.exitCode(), o.message(), o.bytes(),
                    o.cut() || sink.isCut(), o.millis());
        }
        long ms = millisSince(start);
        return answer.error().map(e -> switch (e.code()) {
            case UNKNOWN_COMMAND -> NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.REFUSED,
                    "gomd.scx is not running on node #" + node.number(), ms);
            case TIMEOUT -> NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.TIMEOUT,
                    "no answer within " + NodeOutcome.seconds(timeout.plus(GRACE)), ms);
            default -> NodeOutcome.failed(node.number(), node.name(), stateOf(e.code()), e.getMessage(), ms);
        }).orElseGet(() -> NodeOutcome.failed(node.number(), node.name(), NodeOutcome.State.FAILED,
                "answer without an outcome record", ms));
    }

    /** A refusal is the node's decision; anything else means it could not do it. */
    private static NodeOutcome.State stateOf(ErrorCode code) {
        return switch (code) {
            case DENIED, NOT_FOUND, BAD_REQUEST, TOO_LARGE -> NodeOutcome.State.REFUSED;
            default -> NodeOutcome.State.FAILED;
        };
    }

    /** The outcome records, a totals record, the grouped summary lines, and the answer's end. */
    private void summary(List<NodeOutcome> outcomes) throws CommandException {
        outcomes.forEach(o -> out.record(o.toRecord()));
        Map<Integer, List<Integer>> byExit = new TreeMap<>();
        Map<NodeOutcome.State, Integer> counts = new TreeMap<>();
        int nonZero = 0;
        for (NodeOutcome o : outcomes) {
            counts.merge(o.state(), 1, Integer::sum);
            if (o.state() == NodeOutcome.State.EXITED) {
                byExit.computeIfAbsent(o.exitCode(), k -> new ArrayList<>()).add(o.node());
                nonZero += o.ok() ? 0 : 1;
            }
        }
        int exited = counts.getOrDefault(NodeOutcome.State.EXITED, 0);
        out.record(Record.builder().put("NODES", outcomes.size()).put("EXIT_0", exited - nonZero)
                .put("EXIT_NONZERO", nonZero).put("TIMEOUT", counts.getOrDefault(NodeOutcome.State.TIMEOUT, 0))
                .put("REFUSED", counts.getOrDefault(NodeOutcome.State.REFUSED, 0))
                .put("FAILED", counts.getOrDefault(NodeOutcome.State.FAILED, 0))
                .put("DOWN", counts.getOrDefault(NodeOutcome.State.DOWN, 0)).build());
        byExit.forEach((code, nodes) -> out.progress("- exit code " + code + ": node#" + NodeSet.fold(nodes)));
        for (NodeOutcome o : outcomes) {
            if (o.state() != NodeOutcome.State.EXITED) {
                out.progress("- " + o.state().name().toLowerCase() + ": node#" + o.node() + ": " + o.message());
            }
        }
        long bad = outcomes.stream().filter(o -> !o.ok()).count();
        if (bad > 0) {
            throw new CommandException(ErrorCode.FAILED, bad + " of " + outcomes.size() + " nodes did not exit 0");
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
