package gomd.core.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input with one deadline for a whole request line, not for each read: a client that
 * trickles a byte now and then (slowloris) is closed when its line is not complete in time,
 * instead of holding a session, a thread and a connection slot for ever.
 */
final class DeadlineInputStream extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private long deadlineNanos;

    DeadlineInputStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Reads from now on must end within {@code timeoutMillis}. */
    void startTimer(long timeoutMillis) {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("request not complete in time");
        }
        // rounded up: a socket timeout of 0 would mean "wait for ever"
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        return in.read(b, off, len);
    }
}
