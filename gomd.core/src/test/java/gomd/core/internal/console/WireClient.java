package gomd.core.internal.console;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test client that sees the raw bytes. Every read has a timeout, so a server that fails to
 * answer fails the test instead of hanging it.
 */
final class WireClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;

    /** One answer: body lines as sent, and the terminator. */
    record Answer(List<String> body, String end) {
    }

    private final Socket socket;
    private final InputStream in;

    WireClient(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /** Connects from a chosen local address, e.g. 127.0.0.2 to be another client address. */
    WireClient(InetSocketAddress server, InetAddress from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(server, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
    }

    /** Connects and does the program handshake of docs/PROTOCOL.md. */
    static WireClient program(InetSocketAddress server) throws IOException {
        WireClient c = new WireClient(server);
        c.handshake();
        return c;
    }

    void handshake() throws IOException {
        send("prompt off");
        String line;
        do {
            line = readLine();
            if (line == null || line.startsWith("(ERROR:")) {
                throw new IOException("refused: " + line);
            }
        } while (!line.endsWith("(OK)"));
    }

    void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Sends a request and reads its answer (prompt off). */
    Answer request(String line) throws IOException {
        send(line);
        return readAnswer();
    }

    Answer readAnswer() throws IOException {
        List<String> body = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed inside an answer after " + body);
            }
            if (WireReader.isTerminator(line)) {
                return new Answer(body, line);
            }
            body.add(line);
        }
    }

    /** The next line without its \r\n, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(UTF_8);
            }
            line.write(b);
        }
        String s = line.toString(UTF_8);
        if (!s.endsWith("\r")) {
            throw new IOException("line not ended by \\r\\n: " + s);
        }
        return s.substring(0, s.length() - 1);
    }

    /** Exactly {@code n} bytes, as text. */
    String readBytes(int n) throws IOException {
        return new String(in.readNBytes(n), UTF_8);
    }

    /** True when the server has closed the connection (end of stream or reset), with nothing more sent. */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
