package gomd.itests.harness;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client of the line console for tests, written from docs/PROTOCOL.md alone.
 *
 * <pre>
 * try (GomdConsole c = GomdConsole.connect("127.0.0.1", 22000)) {   // handshake done
 *     Answer a = c.ask("get load");
 *     assertThat(a.ok()).isTrue();
 *     a.value("LOAD");
 * }
 * </pre>
 *
 * {@link #raw} connects without the handshake, for tests of what people see (banner, prompt)
 * or of bad input; then use {@link #send}, {@link #readLine}, {@link #readUntil}.
 */
public final class GomdConsole implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Longer lines are a protocol violation (answers are at most 4 MiB). */
    private static final int MAX_LINE = 8 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> greeting = new ArrayList<>();

    private GomdConsole(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a node and does the program handshake ({@code prompt off}). */
    public static GomdConsole connect(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null, DEFAULT_TIMEOUT);
    }

    /**
     * Connects from {@code localAddress} (null: any; e.g. 127.0.0.2 to test access rules) and
     * does the handshake; {@code timeout} bounds the connect and every read.
     *
     * @throws Refused if the node answers the connection with an error line (denied, busy)
     */
    public static GomdConsole connect(InetSocketAddress server, InetAddress localAddress, Duration timeout)
            throws IOException {
        GomdConsole c = raw(server, localAddress, timeout);
        try {
            c.handshake();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Connects without sending anything. */
    public static GomdConsole raw(String host, int port) throws IOException {
        return raw(new InetSocketAddress(host, port), null, DEFAULT_TIMEOUT);
    }

    public static GomdConsole raw(InetSocketAddress server, InetAddress localAddress, Duration timeout)
            throws IOException {
        Socket s = new Socket();
        try {
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            return new GomdConsole(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** PROTOCOL.md "Handshake for programs": send {@code prompt off}, skip up to the line ending in {@code (OK)}. */
    private void handshake() throws IOException {
        send("prompt off");
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed during the handshake; got " + greeting);
            }
            if (line.startsWith("(ERROR:")) {
                throw new Refused(line);
            }
            greeting.add(line);
            if (line.endsWith("(OK)")) {
                return;
            }
        }
    }

    /** The lines received before the handshake ended: the banner, then the prompt followed by {@code (OK)}. */
    public List<String> greeting() {
        return List.copyOf(greeting);
    }

    /** Sends one request and reads its answer. */
    public Answer ask(String line) throws IOException {
        send(line);
        return readAnswer();
    }

    /**
     * Asks again (every 100 ms) while the answer is {@code UNAVAILABLE}, e.g. a collector whose
     * first sample is not taken yet just after start; returns the first other answer, or the
     * last one when {@code timeout} is up.
     */
    public Answer askUntilAvailable(String line, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer answer = ask(line);
        while ("UNAVAILABLE".equals(answer.errorCode()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            answer = ask(line);
        }
        return answer;
    }

    /** Reads body lines up to and including the terminator. */
    public Answer readAnswer() throws IOException {
        List<String> body = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside an answer after " + body);
            }
            if (Answer.isTerminator(line)) {
                return new Answer(body, line);
            }
            body.add(line);
        }
    }

    /** Sends {@code line} and a line end. */
    public void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes as they are (garbage, partial lines, HTTP requests). */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * One line without its {@code \r\n} (or {@code \n}); null if the server closed the
     * connection first.
     *
     * @throws java.net.SocketTimeoutException if nothing complete came in time
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : decode(line);
            }
            if (b == '\n') {
                return decode(line);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** Reads until the text received ends with {@code suffix} (e.g. the prompt, which has no line end). */
    public String readUntil(String suffix) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
        while (!endsWith(got, end)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed before " + suffix + "; got " + got.toString(StandardCharsets.UTF_8));
            }
            if (got.size() >= MAX_LINE) {
                throw new IOException("no " + suffix + " in " + MAX_LINE + " bytes");
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server has closed the connection (reads and discards what is still in flight). */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset by peer
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean endsWith(ByteArrayOutputStream got, byte[] end) {
        if (got.size() < end.length) {
            return false;
        }
        byte[] all = got.toByteArray();
        for (int i = 0; i < end.length; i++) {
            if (all[all.length - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }

    /** The node refused the connection with an error line (e.g. {@code (ERROR:DENIED)(MESSAGE:access denied)}). */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final String line;

        public Refused(String line) {
            super("refused: " + line);
            this.line = line;
        }

        /** The error line as received. */
        public String line() {
            return line;
        }

        public String errorCode() {
            return Wire.parseRecord(line).get("ERROR");
        }
    }
}
