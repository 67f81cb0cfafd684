package gomd.core.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessDecision;
import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;

/**
 * One console connection, run on its own pool thread: admission, banner, then one request
 * at a time until quit, end of input, idle timeout or server stop. Nothing a client sends can
 * end it with a stack trace: every bad line gets a one-line error (docs/PROTOCOL.md).
 */
final class ConsoleSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);

    /** How long a closing session waits for the client to read its last line and hang up. */
    private static final int LINGER_MILLIS = 1000;
    private static final int MAX_DRAIN_BYTES = 64 * 1024;

    private final Socket socket;
    private final ConsoleServer server;
    private final InetAddress clientAddress;
    private final String principal;
    private final Object writeLock = new Object();

    private volatile boolean closed;
    /** For the watchdog: a client that stops reading blocks a write, and writes have no timeout. */
    private volatile boolean writing;
    private volatile long writeStarted;

    private boolean prompt = true;

    ConsoleSession(Socket socket, ConsoleServer server) {
        this.socket = socket;
        this.server = server;
        this.clientAddress = socket.getInetAddress();
        this.principal = ConsoleServer.hostAndPort(clientAddress, socket.getPort());
    }

    static byte[] lineBytes(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    InetAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true); // small answer lines must not wait for delayed ACKs
            session();
        } catch (IOException e) {
            LOG.debug("console session {} ended: {}", principal, e.toString());
        } catch (RuntimeException e) {
            LOG.error("console session {} failed", principal, e);
        } finally {
            closeGracefully();
            server.sessionEnded(this);
        }
    }

    private void session() throws IOException {
        AccessDecision admission = server.admit(clientAddress);
        if (!admission.allowed()) {
            LOG.debug("console connection from {} refused: {}", principal, admission.reason());
            writeLine(Wire.error(ErrorCode.DENIED, "access denied"));
            return;
        }
        LOG.debug("console session {} opened", principal);
        ConsoleSettings s = server.settings();
        writeLine(Wire.text("Welcome to gomd at " + s.hostName() + " from " + principal));
        writeLine(Wire.text("Here is node #" + s.nodeNumber()));
        writeLine(Wire.text("Timeout set to: " + s.idleTimeout().toSeconds() + " s"));
        DeadlineInputStream input = new DeadlineInputStream(socket);
        LineReader reader = new LineReader(input);
        while (!closed) {
            s = server.settings(); // a config reload applies to open sessions from their next request
            if (prompt) {
                write(Wire.text("gomd@" + s.hostName() + " # ").getBytes(StandardCharsets.UTF_8));
            }
            // The whole next line must arrive within the idle time, however it is trickled in.
            input.startTimer(s.idleTimeout().toMillis());
            LineReader.Line line;
            try {
                line = reader.next(s.maxLineLength());
            } catch (SocketTimeoutException e) {
                writeLine(Wire.error(ErrorCode.TIMEOUT, "idle timeout"));
                return;
            }
            if (line == null || !handle(line, s)) {
                return;
            }
        }
    }

    /** Answers one line; false when the session must end. */
    private boolean handle(LineReader.Line line, ConsoleSettings s) {
        if (line.tooLong()) {
            writeLine(Wire.error(ErrorCode.TOO_LARGE, "request longer than " + s.maxLineLength() + " bytes"));
            return true;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            writeLine(Wire.error(ErrorCode.BAD_REQUEST, "request is not valid UTF-8"));
            return true;
        }
        if (Http.looksLikeHttp(text)) {
            LOG.debug("console connection from {} closed: it speaks HTTP", principal);
            writeLine(Wire.error(ErrorCode.BAD_REQUEST, "not an HTTP server"));
            return false;
        }
        List<String> words;
        try {
            words = CommandLine.split(text);
        } catch (CommandException e) {
            writeLine(Wire.error(e.code(), e.getMessage()));
            return true;
        }
        if (words.isEmpty()) {
            writeLine(Wire.error(ErrorCode.BAD_REQUEST, "empty request"));
            return true;
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (name) {
            case "quit", "exit" -> {
                if (!args.isEmpty()) {
                    writeLine(Wire.error(ErrorCode.BAD_REQUEST, "usage: " + name));
                    return true;
                }
                writeLine(Wire.text("closing session"));
                writeLine(Wire.OK);
                return false;
            }
            case "prompt" -> {
                if (args.size() == 1 && (args.get(0).equals("on") || args.get(0).equals("off"))) {
                    prompt = args.get(0).equals("on");
                    writeLine(Wire.OK);
                } else {
                    writeLine(Wire.error(ErrorCode.BAD_REQUEST, "usage: prompt on|off"));
                }
                return true;
            }
            default -> {
                run(new ConsoleRequest(name, args, text, clientAddress, principal), s);
                return true;
            }
        }
    }

    private void run(ConsoleRequest request, ConsoleSettings s) {
        SessionReply reply = new SessionReply(this, s.maxAnswerBytes());
        String end;
        try {
            server.registry().execute(request, reply);
            end = Wire.OK;
        } catch (CommandException e) {
            end = Wire.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request '{}' from {} failed", request.line(), principal, e);
            end = Wire.error(ErrorCode.INTERNAL, "internal error");
        }
        reply.finish();
        if (reply.wasCut()) {
            // Whatever the command did after the cut, what the client sees is a cut answer.
            end = Wire.error(ErrorCode.TOO_LARGE, "answer cut at " + s.maxAnswerBytes() + " bytes");
        }
        writeLine(end);
    }

    private void writeLine(String line) {
        write(lineBytes(line));
    }

    /** Sends bytes at once; a failed write ends the session (the command sees {@link #isClosed()}). */
    void write(byte[] bytes) {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            writeStarted = System.nanoTime();
            writing = true;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
            } catch (IOException e) {
                LOG.debug("console session {}: write failed: {}", principal, e.toString());
                close();
            } finally {
                writing = false;
            }
        }
    }

    /** Whether a write has been blocked on the client for longer than {@code limitNanos}. */
    boolean writeStalled(long nowNanos, long limitNanos) {
        return writing && nowNanos - writeStarted > limitNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the connection at once; the session thread notices on its next read or write. */
    void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing console session {}: {}", principal, e.toString());
        }
    }

    /**
     * Sends FIN and reads what the client still sends for a moment before closing: closing with
     * unread input makes the kernel send RST, which can destroy the last line before the client
     * reads it.
     */
    private void closeGracefully() {
        if (!closed) {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout(LINGER_MILLIS);
                InputStream in = socket.getInputStream();
                byte[] sink = new byte[4096];
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                int drained = 0;
                int n;
                while (drained < MAX_DRAIN_BYTES && System.nanoTime() < deadline && (n = in.read(sink)) >= 0) {
                    drained += n;
                }
            } catch (IOException e) {
                // the client hung up first or is too slow to say goodbye: close anyway
            }
        }
        close();
    }

    @Override
    public String toString() {
        return principal;
    }
}
