package gomd.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and limits of a {@link GomdClient} or {@link GomdCluster}. Immutable: each
 * {@code withX} returns a copy, e.g.
 * {@code ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))}.
 */
public final class ClientOptions {

    private static final ClientOptions DEFAULTS = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(30),
            8 << 20, 4096, 4, Duration.ofSeconds(30));

    private final Duration connectTimeout;
    private final Duration timeout;
    private final int maxAnswerBytes;
    private final int maxRequestBytes;
    private final int maxConnectionsPerNode;
    private final Duration idleTimeout;

    private ClientOptions(Duration connectTimeout, Duration timeout, int maxAnswerBytes, int maxRequestBytes,
                          int maxConnectionsPerNode, Duration idleTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.timeout = positive(timeout, "timeout");
        this.maxAnswerBytes = positive(maxAnswerBytes, "maxAnswerBytes");
        this.maxRequestBytes = positive(maxRequestBytes, "maxRequestBytes");
        this.maxConnectionsPerNode = positive(maxConnectionsPerNode, "maxConnectionsPerNode");
        this.idleTimeout = positive(idleTimeout, "idleTimeout");
    }

    /**
     * Connect within 5 s; a whole answer within 30 s; answers up to 8 MiB (the console cuts
     * its own at 4 MiB); requests up to 4096 bytes (the console's default line limit); up to
     * 4 connections per node, kept for reuse until idle for 30 s (the console closes a
     * connection idle for 60 s).
     */
    public static ClientOptions defaults() {
        return DEFAULTS;
    }

    /** Time to open the TCP connection and read the greeting, within the request's own {@link #timeout()}. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Time from a request's start (waiting for a free connection and connecting included) to
     * the end of its answer. Past it the request fails with {@code TIMEOUT} and its connection
     * is closed. This is what keeps a dead or half-open peer from hanging a caller.
     */
    public Duration timeout() {
        return timeout;
    }

    /** The largest answer accepted, every body line and the terminator counted; over it: {@code TOO_LARGE}. */
    public int maxAnswerBytes() {
        return maxAnswerBytes;
    }

    /** The longest request line sent, in UTF-8 bytes; a longer one fails with {@code TOO_LARGE} and is not sent. */
    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** Connections open to one node at once, busy and idle; a request that finds none free waits within its timeout. */
    public int maxConnectionsPerNode() {
        return maxConnectionsPerNode;
    }

    /** An idle kept connection is closed after this long. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public ClientOptions withConnectTimeout(Duration d) {
        return new ClientOptions(d, timeout, maxAnswerBytes, maxRequestBytes, maxConnectionsPerNode, idleTimeout);
    }

    public ClientOptions withTimeout(Duration d) {
        return new ClientOptions(connectTimeout, d, maxAnswerBytes, maxRequestBytes, maxConnectionsPerNode, idleTimeout);
    }

    public ClientOptions withMaxAnswerBytes(int n) {
        return new ClientOptions(connectTimeout, timeout, n, maxRequestBytes, maxConnectionsPerNode, idleTimeout);
    }

    public ClientOptions withMaxRequestBytes(int n) {
        return new ClientOptions(connectTimeout, timeout, maxAnswerBytes, n, maxConnectionsPerNode, idleTimeout);
    }

    public ClientOptions withMaxConnectionsPerNode(int n) {
        return new ClientOptions(connectTimeout, timeout, maxAnswerBytes, maxRequestBytes, n, idleTimeout);
    }

    public ClientOptions withIdleTimeout(Duration d) {
        return new ClientOptions(connectTimeout, timeout, maxAnswerBytes, maxRequestBytes, maxConnectionsPerNode, d);
    }

    @Override
    public String toString() {
        return "ClientOptions[connectTimeout=" + connectTimeout + ", timeout=" + timeout + ", maxAnswerBytes="
                + maxAnswerBytes + ", maxRequestBytes=" + maxRequestBytes + ", maxConnectionsPerNode="
                + maxConnectionsPerNode + ", idleTimeout=" + idleTimeout + "]";
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    private static int positive(int n, String name) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + n);
        }
        return n;
    }
}
