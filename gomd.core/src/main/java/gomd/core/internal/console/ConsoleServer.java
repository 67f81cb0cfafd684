package gomd.core.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessDecision;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;

/**
 * The line console's TCP server (docs/PROTOCOL.md). One acceptor thread takes connections and
 * applies the connection limits; each admitted connection gets a thread of its own, so a slow
 * command or a slow client only ever holds up its own session. Commands run on that thread
 * and their answers are written as they come, with the socket's own flow control: a client
 * that does not read stops only its command (and the watchdog closes it after the idle time).
 */
public final class ConsoleServer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int BACKLOG = 50;
    private static final long STOP_WAIT_SECONDS = 5;

    private final CommandRegistry registry;
    private final Function<InetAddress, AccessDecision> admission;
    private final ConnectionLimiter limiter = new ConnectionLimiter();
    private final Set<ConsoleSession> sessions = ConcurrentHashMap.newKeySet();
    /** Unbounded on paper; the limiter admits at most maxConnections sessions, so at most that many threads run. */
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;

    private volatile ConsoleSettings settings;
    /** Guarded by {@code this}. */
    private ServerSocket listener;
    private Thread acceptor;
    private boolean stopped;

    /**
     * @param registry  runs the requests
     * @param admission decides at connect time who may open a session (the access policy, or core's loopback default)
     */
    public ConsoleServer(CommandRegistry registry, Function<InetAddress, AccessDecision> admission) {
        this.registry = registry;
        this.admission = admission;
        AtomicInteger sessionThreads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "gomd-console-session-" + sessionThreads.incrementAndGet()));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gomd-console-watchdog"));
        watchdog.scheduleWithFixedDelay(this::closeStalledSessions, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Applies new settings; open sessions see them from their next request. When the address or
     * port changed it opens the new listening socket before closing the old one, so a failed
     * rebind leaves the console where it was.
     *
     * @throws IOException when the new address or port cannot be bound; every other setting is applied anyway
     */
    public synchronized void configure(ConsoleSettings next) throws IOException {
        if (stopped) {
            throw new IllegalStateException("console server stopped");
        }
        ConsoleSettings current = settings;
        if (listener != null && next.bind().equals(current.bind()) && next.port() == current.port()) {
            settings = next;
            return;
        }
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true); // rebinding the same port right after a restart must not fail on TIME_WAIT
            socket.bind(new InetSocketAddress(next.bind(), next.port()), BACKLOG);
        } catch (IOException e) {
            settings = listener == null ? next : next.withListen(current.bind(), current.port());
            throw new IOException("cannot listen on " + hostAndPort(next.bind(), next.port()) + ": " + e.getMessage(), e);
        }
        ServerSocket old = listener;
        Thread oldAcceptor = acceptor;
        settings = next;
        listener = socket;
        acceptor = daemon(() -> acceptLoop(socket), "gomd-console-accept-" + socket.getLocalPort());
        acceptor.start();
        if (old != null) {
            closeQuietly(old);
            // The kernel keeps the old port listening until the blocked accept() has returned.
            joinQuietly(oldAcceptor);
            LOG.info("console moved from {} to {}", old.getLocalSocketAddress(), socket.getLocalSocketAddress());
        }
    }

    /** Where the console listens (with the real port when configured with port 0), or null when it does not. */
    public synchronized InetSocketAddress localAddress() {
        return listener == null ? null : (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Stops listening and closes every session; commands still running see their reply closed. */
    public void stop() {
        Thread lastAcceptor;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (listener != null) {
                closeQuietly(listener);
            }
            lastAcceptor = acceptor;
        }
        watchdog.shutdownNow();
        joinQuietly(lastAcceptor); // no session starts after this
        sessions.forEach(ConsoleSession::close);
        try {
            workers.shutdown();
            if (!workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("console stopped; commands still running in {} sessions are interrupted", sessions.size());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    ConsoleSettings settings() {
        return settings;
    }

    CommandRegistry registry() {
        return registry;
    }

    AccessDecision admit(InetAddress client) {
        return admission.apply(client);
    }

    void sessionEnded(ConsoleSession session) {
        if (sessions.remove(session)) {
            limiter.release(session.clientAddress());
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    // e.g. out of file descriptors: do not spin, the condition usually passes
                    LOG.warn("console accept on {} failed: {}", socket.getLocalSocketAddress(), e.toString());
                    sleepQuietly(100);
                }
                continue;
            }
            start(client);
        }
    }

    private void start(Socket client) {
        ConsoleSettings s = settings;
        InetAddress address = client.getInetAddress();
        if (!limiter.tryAcquire(address, s.maxConnections(), s.maxConnectionsPerAddress())) {
            LOG.debug("console connection from {} refused: too many connections", address);
            refuseBusy(client);
            return;
        }
        ConsoleSession session = new ConsoleSession(client, this);
        sessions.add(session);
        try {
            workers.execute(session);
        } catch (RejectedExecutionException e) {
            // stopping
            sessionEnded(session);
            closeQuietly(client);
        }
    }

    /**
     * Runs on the acceptor thread, so it must not block: the line is short enough for any fresh
     * socket's send buffer, and input already received is skipped so that closing sends FIN, not RST.
     */
    private static void refuseBusy(Socket client) {
        try (client) {
            client.getOutputStream().write(ConsoleSession.lineBytes(Wire.error(ErrorCode.BUSY, "too many connections")));
            client.shutdownOutput();
            InputStream in = client.getInputStream();
            in.skip(in.available());
        } catch (IOException e) {
            LOG.debug("refusing {}: {}", client.getRemoteSocketAddress(), e.toString());
        }
    }

    private void closeStalledSessions() {
        ConsoleSettings s = settings;
        if (s == null) {
            return;
        }
        long now = System.nanoTime();
        for (ConsoleSession session : sessions) {
            if (session.writeStalled(now, s.idleTimeout().toNanos())) {
                LOG.info("closing console session {}: it has not read its answer for {} s", session,
                        s.idleTimeout().toSeconds());
                session.close();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    private static void joinQuietly(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String hostAndPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
