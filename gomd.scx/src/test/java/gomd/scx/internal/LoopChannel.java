package gomd.scx.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;
import gomd.core.api.FrontEnd;
import gomd.core.api.InternalRequest;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;
import gomd.core.api.Table;
import gomd.core.api.Text;

/**
 * A {@link NodeChannel} that delivers each request line to the {@code scx-run} command of an
 * in-process node, as that node's console would (split by the quoting rule, caller loopback),
 * and keeps every line sent so a test can replay it.
 */
final class LoopChannel implements NodeChannel {

    final Map<Integer, Command> nodes = new ConcurrentHashMap<>();
    final List<String> sent = new CopyOnWriteArrayList<>();

    void add(ScxEngine engine) {
        ScxRunCommand run = new ScxRunCommand();
        run.engines = TestNodes.objects(engine);
        nodes.put(engine.nodeNumber(), run);
    }

    @Override
    public Result stream(NodeInfo node, String line, Duration timeout, Consumer<ResultItem> onItem,
                         BooleanSupplier cancelled) {
        sent.add(line);
        return deliver(node.number(), line, onItem, cancelled);
    }

    /** Sends {@code line} to node {@code number} as if from a daemon on loopback. */
    Result deliver(int number, String line, Consumer<ResultItem> onItem, BooleanSupplier cancelled) {
        Result outcome = new Result();
        Command target = nodes.get(number);
        if (target == null) {
            outcome.fail(new CommandException(ErrorCode.UNAVAILABLE, "connection refused"));
            return outcome;
        }
        try {
            List<String> words = CommandLine.split(line);
            target.execute(new InternalRequest(words.get(0), words.subList(1, words.size()), line,
                    InetAddress.getLoopbackAddress(), "127.0.0.1:50000", FrontEnd.CONSOLE), new Reply() {
                @Override
                public void record(Record record) {
                    onItem.accept(record);
                }

                @Override
                public void table(Table table) {
                    throw new AssertionError("scx-run sends no tables");
                }

                @Override
                public void text(String text) {
                    onItem.accept(new Text(text));
                }

                @Override
                public boolean isClosed() {
                    return cancelled.getAsBoolean();
                }
            });
        } catch (CommandException e) {
            outcome.fail(e);
        }
        return outcome;
    }
}
