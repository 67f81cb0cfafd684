package gomd.scx.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import gomd.client.ClientOptions;
import gomd.client.GomdClient;
import gomd.client.NodeAddress;
import gomd.core.api.CommandException;
import gomd.core.api.NodeInfo;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;

/**
 * {@link NodeChannel} on the gomd client library (libgomd). Each request gets its own
 * connection, closed at the end: a cwc is long compared to a connect on the cluster network,
 * and nothing is kept open to nodes that may leave. Cancelling closes the connection.
 */
@Component(service = NodeChannel.class)
public class ClientChannel implements NodeChannel {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long CANCEL_CHECK_MS = 200;

    private ScheduledExecutorService watcher;

    @Activate
    void activate() {
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gomd-scx-cancel");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        watcher.shutdownNow();
    }

    @Override
    public Result stream(NodeInfo node, String line, Duration timeout, Consumer<ResultItem> onItem,
                         BooleanSupplier cancelled) {
        ClientOptions options = ClientOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT).withTimeout(timeout)
                .withMaxConnectionsPerNode(1);
        GomdClient client;
        try {
            client = GomdClient.connect(new NodeAddress(node.address().getHostAddress(), node.consolePort()), options);
        } catch (CommandException e) {
            Result failed = new Result();
            failed.fail(e);
            return failed;
        }
        ScheduledFuture<?> check = watcher.scheduleWithFixedDelay(() -> {
            if (cancelled.getAsBoolean()) {
                client.close();
            }
        }, CANCEL_CHECK_MS, CANCEL_CHECK_MS, TimeUnit.MILLISECONDS);
        try (client) {
            return client.stream(line, timeout, onItem);
        } finally {
            check.cancel(false);
        }
    }
}
