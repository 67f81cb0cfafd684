package gomd.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import gomd.client.internal.Connection;
import gomd.client.internal.Deadline;
import gomd.client.internal.NodePool;
import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;
import gomd.core.api.Text;

/**
 * A client of one gomd node (libgomd). Thread-safe: requests from several threads use
 * several kept connections, up to {@link ClientOptions#maxConnectionsPerNode()}.
 * <pre>
 * try (GomdClient c = GomdClient.connect("127.0.0.1", 9889)) {
 *     Result r = c.run("get load");
 *     if (r.isOk()) {
 *         System.out.println(r.records().get(0).get("LOAD"));
 *     } else {
 *         System.out.println(r.error().get().code() + ": " + r.error().get().getMessage());
 *     }
 * }
 * </pre>
 * A request never throws for a failed answer: the {@link Result} carries the error with its
 * {@link ErrorCode}, whether the node answered it ({@code UNKNOWN_COMMAND}, {@code DENIED},
 * ...) or there was no whole answer ({@code UNAVAILABLE} when the node cannot be reached or
 * the connection closed mid-answer, {@code TIMEOUT}, {@code TOO_LARGE}, {@code FAILED} for an
 * answer that breaks docs/PROTOCOL.md). Records and lines that arrived before an error stay in
 * the result. A connection that did not end its answer cleanly is closed, never reused; the
 * next request opens a new one (reconnect).
 */
public final class GomdClient implements AutoCloseable {

    /** Session commands the client manages itself: sent by a caller they would break the framing. */
    private static final Set<String> SESSION_COMMANDS = Set.of("prompt", "quit", "exit");

    private final NodeAddress node;
    private final ClientOptions options;
    private final NodePool pool;
    /** True for a client a {@link GomdCluster} made: the cluster closes it, not its user. */
    private final boolean ownedByCluster;

    GomdClient(NodeAddress node, ClientOptions options, boolean ownedByCluster) {
        this.node = Objects.requireNonNull(node, "node");
        this.options = Objects.requireNonNull(options, "options");
        this.pool = new NodePool(node, options);
        this.ownedByCluster = ownedByCluster;
    }

    /** Connects to {@code host:port} with {@link ClientOptions#defaults()}. */
    public static GomdClient connect(String host, int port) throws CommandException {
        return connect(new NodeAddress(host, port), ClientOptions.defaults());
    }

    /**
     * Opens a first connection and does the handshake, so that an unreachable node or a refusal
     * is known at once.
     *
     * @throws CommandException {@link ErrorCode#UNAVAILABLE} or {@link ErrorCode#TIMEOUT} when the
     *                          node cannot be reached, or the code it refused with ({@code DENIED}, {@code BUSY})
     */
    public static GomdClient connect(NodeAddress node, ClientOptions options) throws CommandException {
        GomdClient client = new GomdClient(node, options, false);
        try {
            client.pool.release(client.pool.borrow(Deadline.after(options.connectTimeout())));
        } catch (CommandException e) {
            client.shutdown();
            throw e;
        }
        return client;
    }

    public NodeAddress node() {
        return node;
    }

    public ClientOptions options() {
        return options;
    }

    /** Runs one request line, e.g. {@code get netload eth0}, within {@link ClientOptions#timeout()}. */
    public Result run(String line) {
        return run(line, options.timeout());
    }

    /** Runs one request line; the whole answer must arrive within {@code timeout}. */
    public Result run(String line, Duration timeout) {
        Result result = new Result();
        execute(line, timeout, item -> add(result, item), result);
        return result;
    }

    /**
     * Runs a request given as words, quoted with {@link CommandLine#join} so that blanks and
     * quotes in an argument reach the command unchanged: {@code run(List.of("get", "proc", "net/dev"))}.
     */
    public Result run(List<String> words) {
        return run(CommandLine.join(words), options.timeout());
    }

    /**
     * Runs one request line and hands each record and text line to {@code onItem} as soon as it
     * arrives (for long answers such as program output), on the calling thread. The returned
     * result carries only the outcome: OK or the error. If {@code onItem} throws, the
     * connection is closed and the exception passes to the caller.
     */
    public Result stream(String line, Duration timeout, Consumer<? super ResultItem> onItem) {
        Objects.requireNonNull(onItem, "onItem");
        Result outcome = new Result();
        execute(line, timeout, onItem, outcome);
        return outcome;
    }

    /** Open connections to the node now, busy and idle. */
    public int openConnections() {
        return pool.openConnections();
    }

    /**
     * Closes every connection; requests still running fail with {@code UNAVAILABLE}, later ones
     * too. Does nothing on a client that a {@link GomdCluster} handed out: the cluster closes it.
     */
    @Override
    public void close() {
        if (!ownedByCluster) {
            shutdown();
        }
    }

    /** Closes a client, whoever owns it. */
    void shutdown() {
        pool.close();
    }

    private void execute(String line, Duration timeout, Consumer<? super ResultItem> sink, Result outcome) {
        Objects.requireNonNull(timeout, "timeout");
        byte[] request;
        try {
            request = encode(line);
        } catch (CommandException e) {
            outcome.fail(e);
            return;
        }
        Deadline deadline = Deadline.after(timeout);
        Connection c;
        try {
            c = pool.borrow(deadline);
        } catch (CommandException e) {
            outcome.fail(e);
            return;
        }
        boolean clean = false;
        try {
            CommandException answered = c.exchange(request, deadline, options.maxAnswerBytes(), sink);
            clean = true;
            if (answered != null) {
                outcome.fail(answered);
            }
        } catch (CommandException e) {
            outcome.fail(e);
        } finally {
            if (clean) {
                pool.release(c);
            } else {
                pool.discard(c);
            }
        }
    }

    /**
     * The request as sent, checked here: a newline would smuggle in a second request and put
     * the answers out of step, a session command would change the session under the pool, and
     * what the console would refuse anyway (empty, bad quoting, too long) need not travel.
     */
    private byte[] encode(String line) throws CommandException {
        Objects.requireNonNull(line, "line");
        List<String> words = CommandLine.split(line);
        if (words.isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "empty request");
        }
        if (SESSION_COMMANDS.contains(words.get(0))) {
            throw new CommandException(ErrorCode.BAD_REQUEST,
                    "'" + words.get(0) + "' is handled by the client itself (close the client to end the session)");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length - 1 > options.maxRequestBytes()) {
            throw new CommandException(ErrorCode.TOO_LARGE,
                    "request of " + (bytes.length - 1) + " bytes, limit " + options.maxRequestBytes());
        }
        return bytes;
    }

    private static void add(Result result, ResultItem item) {
        if (item instanceof Record r) {
            result.record(r);
        } else {
            result.text(((Text) item).line());
        }
    }
}
