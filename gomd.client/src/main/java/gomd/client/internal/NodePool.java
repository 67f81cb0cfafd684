package gomd.client.internal;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import gomd.client.ClientOptions;
import gomd.client.NodeAddress;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * The connections to one node: at most {@link ClientOptions#maxConnectionsPerNode()} open at
 * once, idle ones kept for reuse (most recently used first, so that the others age out) and
 * checked before they are handed out, and closed once idle for
 * {@link ClientOptions#idleTimeout()} (by the {@link Sweeper}).
 */
public final class NodePool implements Closeable {

    private final NodeAddress node;
    private final ClientOptions options;
    private final Semaphore slots;
    private final long idleTimeoutNanos;
    /** Guarded by {@code this}; head = most recently released. */
    private final Deque<Connection> idle = new ArrayDeque<>();
    /** Guarded by {@code this}: every open connection, busy or idle, so that close() reaches them all. */
    private final Set<Connection> open = new HashSet<>();
    private boolean closed;

    public NodePool(NodeAddress node, ClientOptions options) {
        this.node = node;
        this.options = options;
        this.slots = new Semaphore(options.maxConnectionsPerNode(), true);
        this.idleTimeoutNanos = saturatedNanos(options.idleTimeout());
    }

    /**
     * A connection for one request: a kept one that is still good, or a new one.
     *
     * @throws CommandException {@link ErrorCode#BUSY} when all connections stay busy until the
     *                          deadline, {@link ErrorCode#UNAVAILABLE} when closed, or why a
     *                          new connection failed
     */
    public Connection borrow(Deadline deadline) throws CommandException {
        try {
            if (!slots.tryAcquire(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                throw new CommandException(ErrorCode.BUSY, node + ": all " + options.maxConnectionsPerNode()
                        + " connections busy for " + deadline.span().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ErrorCode.UNAVAILABLE, node + ": interrupted");
        }
        try {
            for (Connection c; (c = takeIdle()) != null; ) {
                if (c.isReusable()) {
                    return c;
                }
                forget(c);
            }
            Connection c = Connection.open(node, deadline.cappedAt(options.connectTimeout()));
            synchronized (this) {
                if (!closed) {
                    open.add(c);
                    return c;
                }
            }
            c.close();
            throw closedError();
        } catch (CommandException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Gives back a connection whose answer ended cleanly, to be kept for the next request. */
    public void release(Connection c) {
        boolean kept;
        synchronized (this) {
            kept = !closed;
            if (kept) {
                c.markIdle();
                idle.addFirst(c);
            }
        }
        if (kept) {
            Sweeper.INSTANCE.watch(this);
        } else {
            forget(c);
        }
        slots.release();
    }

    /** Gives back a connection that is out of step with its peer: it is closed. */
    public void discard(Connection c) {
        forget(c);
        slots.release();
    }

    /** Closes the kept connections that have been idle for longer than the idle timeout. */
    public void evictIdle() {
        List<Connection> expired = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Connection> it = idle.descendingIterator(); it.hasNext(); ) {
                Connection c = it.next();
                if (c.idleNanos() < idleTimeoutNanos) {
                    break; // the rest were used more recently
                }
                it.remove();
                expired.add(c);
            }
        }
        expired.forEach(this::forget);
    }

    /** Closes every connection, busy ones too: a request still running fails at once. */
    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            idle.clear();
            all = new ArrayList<>(open);
            open.clear();
        }
        all.forEach(Connection::close);
    }

    synchronized boolean hasIdle() {
        return !idle.isEmpty();
    }

    long idleTimeoutMillis() {
        return idleTimeoutNanos / 1_000_000;
    }

    /** Connections open now, busy and idle. */
    public synchronized int openConnections() {
        return open.size();
    }

    private CommandException closedError() {
        return new CommandException(ErrorCode.UNAVAILABLE, node + ": client closed");
    }

    private Connection takeIdle() throws CommandException {
        synchronized (this) {
            if (closed) {
                throw closedError();
            }
            while (!idle.isEmpty()) {
                Connection c = idle.pollFirst();
                if (c.idleNanos() < idleTimeoutNanos) {
                    return c;
                }
                open.remove(c);
                c.close();
            }
            return null;
        }
    }

    /** A timeout of centuries means "never", not an overflow. */
    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void forget(Connection c) {
        synchronized (this) {
            open.remove(c);
        }
        c.close();
    }
}
