package gomd.client.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import gomd.client.NodeAddress;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.ResultItem;

/**
 * One console session that has done the handshake of docs/PROTOCOL.md ({@code prompt off}),
 * so that every request gets exactly one answer. Used by one thread at a time.
 *
 * <p>A {@link SocketChannel} rather than a plain socket: its non-blocking mode lets
 * {@link #isReusable()} see, without waiting, that a kept connection was closed by the peer,
 * and lets a write give up at the deadline when the peer stops reading.
 */
public final class Connection implements Closeable {

    /** The banner and the answer to {@code prompt off} are a few lines; more is not a gomd console. */
    static final int MAX_GREETING_BYTES = 64 * 1024;

    private static final String ERROR_START = "(ERROR:";

    private final NodeAddress node;
    private final SocketChannel channel;
    private final LineReader reader;
    private volatile boolean closed;
    private long idleSince;

    private Connection(NodeAddress node, SocketChannel channel) throws IOException {
        this.node = node;
        this.channel = channel;
        Socket socket = channel.socket();
        InputStream in = socket.getInputStream();
        this.reader = new LineReader((b, off, len, ms) -> {
            socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
            return in.read(b, off, len);
        });
    }

    /**
     * Connects and does the handshake, all before {@code deadline}.
     *
     * @throws CommandException {@link ErrorCode#UNAVAILABLE} (refused, unreachable, unknown host,
     *                          closed), {@link ErrorCode#TIMEOUT}, or the code the console
     *                          greeted with ({@code DENIED}, {@code BUSY})
     */
    public static Connection open(NodeAddress node, Deadline deadline) throws CommandException {
        SocketChannel channel = null;
        try {
            InetSocketAddress address = new InetSocketAddress(node.host(), node.port());
            if (address.isUnresolved()) {
                throw new CommandException(ErrorCode.UNAVAILABLE, node + ": unknown host");
            }
            channel = SocketChannel.open();
            // One short line out, one answer back: Nagle's algorithm would only add delay.
            channel.socket().setTcpNoDelay(true);
            long ms = deadline.remainingMillis();
            if (ms == 0) {
                throw new SocketTimeoutException();
            }
            channel.socket().connect(address, (int) Math.min(ms, Integer.MAX_VALUE));
            Connection c = new Connection(node, channel);
            c.handshake(deadline);
            return c;
        } catch (SocketTimeoutException e) {
            closeQuietly(channel);
            throw new CommandException(ErrorCode.TIMEOUT,
                    node + ": no connection within " + deadline.span().toMillis() + " ms");
        } catch (ClosedByInterruptException e) {
            closeQuietly(channel);
            throw new CommandException(ErrorCode.UNAVAILABLE, node + ": interrupted");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CommandException(ErrorCode.UNAVAILABLE, node + ": cannot connect: " + e.getMessage());
        } catch (CommandException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Sends {@code prompt off} and skips the banner up to the line that ends with its
     * {@code (OK)}. A console that refuses us says so in an {@code (ERROR:...)} line instead.
     */
    private void handshake(Deadline deadline) throws IOException, CommandException {
        send("prompt off\n".getBytes(StandardCharsets.UTF_8), deadline);
        LineReader.Budget budget = new LineReader.Budget(MAX_GREETING_BYTES);
        while (true) {
            String line;
            try {
                line = reader.readLine(deadline, budget);
            } catch (CommandException e) {
                throw new CommandException(ErrorCode.FAILED, node + ": not a gomd console greeting: " + e.getMessage());
            }
            if (line == null) {
                throw new CommandException(ErrorCode.UNAVAILABLE, node + ": connection closed during the greeting");
            }
            int error = line.indexOf(ERROR_START); // after the prompt if prompt off itself failed
            if (error >= 0) {
                CommandException refused = Wire.error(line.substring(error));
                throw new CommandException(refused.code(), node + ": " + refused.getMessage());
            }
            if (line.endsWith(Wire.OK)) {
                return;
            }
        }
    }

    /**
     * Sends one request line (UTF-8, ending in {@code \n}) and reads its answer, handing each
     * body line to {@code sink} as it arrives.
     *
     * @return null when the answer ended with {@code (OK)}, else the error the console answered
     *         with; either way the connection is ready for the next request
     * @throws CommandException when there was no whole answer ({@link ErrorCode#UNAVAILABLE}
     *                          closed or reset, {@link ErrorCode#TIMEOUT}, {@link ErrorCode#TOO_LARGE},
     *                          {@link ErrorCode#FAILED} unreadable): the connection must then be closed
     */
    public CommandException exchange(byte[] request, Deadline deadline, int maxAnswerBytes,
                                     Consumer<? super ResultItem> sink) throws CommandException {
        try {
            send(request, deadline);
            LineReader.Budget budget = new LineReader.Budget(maxAnswerBytes);
            while (true) {
                String line = reader.readLine(deadline, budget);
                if (line == null) {
                    throw new CommandException(ErrorCode.UNAVAILABLE, "connection closed before the end of the answer");
                }
                if (Wire.isOk(line)) {
                    return null;
                }
                if (Wire.isError(line)) {
                    return Wire.error(line);
                }
                sink.accept(Wire.body(line));
            }
        } catch (SocketTimeoutException e) {
            throw new CommandException(ErrorCode.TIMEOUT,
                    node + ": no complete answer within " + deadline.span().toMillis() + " ms");
        } catch (ClosedByInterruptException e) { // the channel closes itself when its thread is interrupted
            throw new CommandException(ErrorCode.UNAVAILABLE, node + ": interrupted");
        } catch (IOException e) {
            throw new CommandException(ErrorCode.UNAVAILABLE, node + ": " + (closed ? "client closed" : e.toString()));
        } catch (CommandException e) { // our own findings about the answer: say which node
            throw new CommandException(e.code(), node + ": " + e.getMessage());
        }
    }

    /**
     * True when this kept connection can take a request: still open, nothing unread, and the
     * peer has neither closed it nor sent anything unasked (the console's idle-timeout notice).
     */
    public boolean isReusable() {
        if (closed || reader.hasBuffered()) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            int n = channel.read(ByteBuffer.allocate(1));
            channel.configureBlocking(true);
            return n == 0;
        } catch (IOException e) {
            return false;
        }
    }

    void markIdle() {
        idleSince = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    /** Closes the socket; a thread blocked on it gets an error at once. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
    }

    /** Writes all of {@code bytes} or gives up at the deadline (a peer that never reads must not block us). */
    private void send(byte[] bytes, Deadline deadline) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        channel.configureBlocking(false);
        channel.write(out);
        if (out.hasRemaining()) {
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_WRITE);
                while (out.hasRemaining()) {
                    long ms = deadline.remainingMillis();
                    if (ms == 0) {
                        throw new SocketTimeoutException("peer does not read");
                    }
                    selector.select(ms);
                    selector.selectedKeys().clear();
                    channel.write(out);
                }
            }
        }
        channel.configureBlocking(true);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted; there is nothing left to tell the peer
            }
        }
    }
}
