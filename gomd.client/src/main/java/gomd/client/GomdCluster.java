package gomd.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import gomd.client.internal.Threads;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Result;

/**
 * Runs requests on many nodes at once: at most {@code parallelism} nodes are being asked at
 * any moment, each node's answer is bounded by its own timeout, and every node gets its own
 * {@link Result} (OK, or its error: a node that does not answer never holds up the others
 * beyond that timeout). Connections are kept per node, as by {@link GomdClient}.
 * <pre>
 * try (GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 16)) {
 *     cluster.runAll(nodes, "get load", Duration.ofSeconds(2),
 *             (node, r) -&gt; System.out.println(node + " " + r));   // as each node answers
 * }
 * </pre>
 * A node's timeout counts from when a worker starts on it, not while it waits for a free worker.
 * Thread-safe.
 */
public final class GomdCluster implements AutoCloseable {

    private final ClientOptions options;
    /** Nodes come and go (addresses change): past this many kept clients, those without a connection go. */
    private static final int KEPT_CLIENTS = 1024;

    /** Guarded by itself, with {@link #closed} and {@link #pruneAt}: no client is made once close() has begun. */
    private final Map<NodeAddress, GomdClient> clients = new HashMap<>();
    private boolean closed;
    private int pruneAt = KEPT_CLIENTS;
    private final ThreadPoolExecutor workers;

    private GomdCluster(ClientOptions options, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        this.options = Objects.requireNonNull(options, "options");
        // Threads are made as needed up to parallelism and end after a quiet minute.
        this.workers = new ThreadPoolExecutor(parallelism, parallelism, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.daemon("gomd-cluster"));
        workers.allowCoreThreadTimeOut(true);
    }

    /** A cluster client asking at most {@code parallelism} nodes at once. */
    public static GomdCluster create(ClientOptions options, int parallelism) {
        return new GomdCluster(options, parallelism);
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Asks one node in the background. The future always completes normally, with the node's
     * result or its error (after {@link #close()}: {@code UNAVAILABLE}).
     */
    public CompletableFuture<Result> submit(NodeAddress node, String line, Duration timeout) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        return start(node, c -> c.run(line, timeout), GomdCluster::failed);
    }

    /**
     * Runs {@code work} with the kept client of {@code node} on a worker, counted against the
     * parallelism like any request: for a few requests in a row on one node, e.g.
     * {@code submit(node, c -> List.of(c.run("get load", t), c.run("get mem", t)))}. The client
     * belongs to this cluster (its {@code close()} does nothing). The future completes with
     * what {@code work} returns or throws, or with a {@link CommandException} of
     * {@link ErrorCode#UNAVAILABLE} after {@link #close()}.
     */
    public <T> CompletableFuture<T> submit(NodeAddress node, Function<GomdClient, T> work) {
        Objects.requireNonNull(work, "work");
        return start(node, work, null);
    }

    /** Asks every node and waits for all; the map follows the order of {@code nodes} (duplicates asked once). */
    public Map<NodeAddress, Result> runAll(Collection<NodeAddress> nodes, String line, Duration timeout) {
        return runAll(nodes, line, timeout, (node, result) -> {
        });
    }

    /**
     * Asks every node and calls {@code onEach} as each node's answer arrives (never two calls at
     * once), then returns every node's result in the order of {@code nodes}.
     */
    public Map<NodeAddress, Result> runAll(Collection<NodeAddress> nodes, String line, Duration timeout,
                                           BiConsumer<NodeAddress, Result> onEach) {
        Objects.requireNonNull(onEach, "onEach");
        Object turn = new Object();
        return gather(nodes, node -> submit(node, line, timeout).thenApply(r -> {
            synchronized (turn) {
                onEach.accept(node, r);
            }
            return r;
        }));
    }

    /**
     * Asks every node and streams: each record or line goes to {@code listener} as it arrives,
     * then {@link StreamListener#done} with that node's outcome. Calls never overlap. Returns
     * every node's outcome (OK or its error, no items) in the order of {@code nodes}. An
     * exception thrown by the listener ends that node's request and is rethrown here once
     * every node has finished.
     */
    public Map<NodeAddress, Result> streamAll(Collection<NodeAddress> nodes, String line, Duration timeout,
                                              StreamListener listener) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        Object turn = new Object();
        return gather(nodes, node -> start(node, c -> {
            Result outcome = c.stream(line, timeout, item -> {
                synchronized (turn) {
                    listener.item(node, item);
                }
            });
            synchronized (turn) {
                listener.done(node, outcome);
            }
            return outcome;
        }, GomdCluster::failed));
    }

    /** Closes every connection and stops the workers; requests still running or waiting fail with {@code UNAVAILABLE}. */
    @Override
    public void close() {
        List<GomdClient> all;
        synchronized (clients) {
            closed = true;
            all = new ArrayList<>(clients.values());
        }
        List<Runnable> waiting = workers.shutdownNow();
        all.forEach(GomdClient::shutdown);
        waiting.forEach(r -> ((NodeTask<?>) r).abandon());
    }

    /** {@code whenClosed} gives the value for a task that cannot run; null: fail the future instead. */
    private <T> CompletableFuture<T> start(NodeAddress node, Function<GomdClient, T> work,
                                           Function<CommandException, T> whenClosed) {
        Objects.requireNonNull(node, "node");
        NodeTask<T> task = new NodeTask<>(node, work, whenClosed);
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            task.abandon();
        }
        return task.future;
    }

    private static Result failed(CommandException e) {
        Result r = new Result();
        r.fail(e);
        return r;
    }

    private Map<NodeAddress, Result> gather(Collection<NodeAddress> nodes,
                                            Function<NodeAddress, CompletableFuture<Result>> ask) {
        Map<NodeAddress, CompletableFuture<Result>> futures = new LinkedHashMap<>();
        for (NodeAddress node : new LinkedHashSet<>(nodes)) {
            futures.put(node, ask.apply(node));
        }
        try {
            CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        Map<NodeAddress, Result> results = new LinkedHashMap<>();
        futures.forEach((node, f) -> results.put(node, f.join()));
        return results;
    }

    /** How many node clients are kept now. */
    int keptClients() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** The kept client of {@code node}; null once closed. */
    private GomdClient client(NodeAddress node) {
        synchronized (clients) {
            if (closed) {
                return null;
            }
            if (clients.size() >= pruneAt) {
                // A client still in use elsewhere keeps working; only its reuse through this map ends.
                clients.values().removeIf(c -> c.openConnections() == 0);
                pruneAt = Math.max(KEPT_CLIENTS, 2 * clients.size());
            }
            return clients.computeIfAbsent(node, n -> new GomdClient(n, options, true));
        }
    }

    /** One node's work; a task the workers never ran still completes its future. */
    private final class NodeTask<T> implements Runnable {
        private final NodeAddress node;
        private final Function<GomdClient, T> work;
        private final Function<CommandException, T> whenClosed;
        private final CompletableFuture<T> future = new CompletableFuture<>();

        NodeTask(NodeAddress node, Function<GomdClient, T> work, Function<CommandException, T> whenClosed) {
            this.node = node;
            this.work = work;
            this.whenClosed = whenClosed;
        }

        @Override
        public void run() {
            try {
                GomdClient client = client(node);
                if (client == null) {
                    abandon();
                } else {
                    future.complete(work.apply(client));
                }
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }

        void abandon() {
            CommandException closed = new CommandException(ErrorCode.UNAVAILABLE, node + ": cluster client closed");
            if (whenClosed == null) {
                future.completeExceptionally(closed);
            } else {
                future.complete(whenClosed.apply(closed));
            }
        }
    }
}
