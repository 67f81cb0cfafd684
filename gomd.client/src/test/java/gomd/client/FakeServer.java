package gomd.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process console on 127.0.0.1 and an ephemeral port, whose every connection runs a
 * script: the well-behaved console of docs/PROTOCOL.md, or one that misbehaves on purpose.
 */
final class FakeServer implements AutoCloseable {

    interface Script {
        void run(Peer peer) throws Exception;
    }

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    /** Every request line read by {@link Peer#readRequest()}. */
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    /** One entry per connection that its client closed (seen by {@link #console}). */
    final BlockingQueue<Peer> closedByClient = new LinkedBlockingQueue<>();

    private final ServerSocket server;
    private final Script script;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-console");
        t.setDaemon(true);
        return t;
    });

    FakeServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** A console that greets, then answers each request with {@code answers.apply(request)} (raw wire text). */
    static FakeServer console(Function<String, String> answers) throws IOException {
        return new FakeServer(peer -> {
            peer.greet();
            for (String request; (request = peer.readRequest()) != null; ) {
                peer.send(answers.apply(request));
            }
            peer.server.closedByClient.add(peer);
        });
    }

    NodeAddress address() {
        return new NodeAddress("127.0.0.1", server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                threads.execute(() -> {
                    try (Peer peer = new Peer(this, s)) {
                        script.run(peer);
                    } catch (Exception e) {
                        // the client hung up under a misbehaving script: expected in these tests
                    } finally {
                        open.decrementAndGet();
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    static final class Peer implements AutoCloseable {
        final FakeServer server;
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Peer(FakeServer server, Socket socket) throws IOException {
            this.server = server;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The banner, the prompt, and the (OK) of the client's {@code prompt off}. */
        void greet() throws IOException {
            send("Welcome to gomd at fake from 127.0.0.1:1\r\nHere is node #7\r\nTimeout set to: 60 s\r\ngomd@fake # ");
            String first = readLine();
            if (!"prompt off".equals(first)) {
                throw new IOException("expected prompt off, got " + first);
            }
            send("(OK)\r\n");
        }

        /** The next line from the client, recorded in {@link FakeServer#requests}; null at EOF. */
        String readRequest() throws IOException {
            String line = readLine();
            if (line != null) {
                server.requests.add(line);
            }
            return line;
        }

        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    return null;
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Sends one byte at a time, each in its own TCP segment as far as the stack allows. */
        void trickle(String text) throws IOException, InterruptedException {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                Thread.sleep(1);
            }
        }

        /** True when the client closes the connection within {@code limit}; request lines in between are skipped. */
        boolean awaitClose(Duration limit) throws IOException {
            socket.setSoTimeout((int) limit.toMillis());
            try {
                while (in.read() >= 0) {
                    // drain
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        /** Keeps the connection open and silent until the client goes away or the test ends. */
        void stall() throws IOException {
            awaitClose(Duration.ofSeconds(60));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Waits for the next request line the server read. */
    String nextRequest() throws InterruptedException {
        return requests.poll(10, TimeUnit.SECONDS);
    }
}
