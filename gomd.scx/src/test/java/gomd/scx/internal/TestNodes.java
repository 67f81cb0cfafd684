package gomd.scx.internal;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.FrontEnd;
import gomd.core.api.InternalRequest;
import gomd.core.api.LocalNode;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Result;

/** Helpers that build SCX components the way DS would, without a framework. */
final class TestNodes {

    static final String KEY = "0123456789abcdef-test-cluster-key";

    private TestNodes() {
    }

    /** A LocalNode at {@code home} with node number {@code number}, console on loopback. */
    static LocalNode node(Path home, int number) {
        return new LocalNode() {
            @Override
            public int number() {
                return number;
            }

            @Override
            public String hostName() {
                return "n" + number;
            }

            @Override
            public InetAddress consoleAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public int consolePort() {
                return 26000 + number;
            }

            @Override
            public Path home() {
                return home;
            }
        };
    }

    /** The gomd.scx configuration with {@code props} (keys as in the cfg file) over the defaults. */
    static ScxEngine.Config config(Map<String, Object> props) {
        return (ScxEngine.Config) Proxy.newProxyInstance(ScxEngine.Config.class.getClassLoader(),
                new Class<?>[] {ScxEngine.Config.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    Object v = props.get(key);
                    if (v == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    return type == long.class ? ((Number) v).longValue()
                            : type == int.class ? ((Number) v).intValue() : v;
                });
    }

    /** An engine for node {@code number} below {@code root}, with scx.conf {@code policy} and {@code props}. */
    static ScxEngine engine(Path root, int number, String policy, Map<String, Object> props) throws Exception {
        Path home = root.resolve("node" + number);
        Files.createDirectories(home.resolve("etc/gomd"));
        if (policy != null) {
            Files.writeString(home.resolve("etc/gomd/scx.conf"), policy);
        }
        ScxEngine e = new ScxEngine();
        e.localNode = node(home, number);
        e.activate(config(props));
        return e;
    }

    /** Hands out {@code service}, as DS would for a singleton service. */
    static <T> ComponentServiceObjects<T> objects(T service) {
        return new ComponentServiceObjects<>() {
            @Override
            public T getService() {
                return service;
            }

            @Override
            public void ungetService(T s) {
                if (s != service) {
                    throw new AssertionError("ungot a service that was not got here: " + s);
                }
            }

            @Override
            public ServiceReference<T> getServiceReference() {
                throw new UnsupportedOperationException("not needed by gomd.scx");
            }
        };
    }

    /** A console-like request from {@code caller}: the line is split by the console's quoting rule. */
    static Request request(String line, InetAddress caller) throws CommandException {
        List<String> words = CommandLine.split(line);
        return new InternalRequest(words.get(0), words.subList(1, words.size()), line, caller,
                caller.getHostAddress() + ":40000", FrontEnd.CONSOLE);
    }

    /** Runs a command as the registry would, collecting the answer. */
    static Result run(gomd.core.api.Command command, Request request) {
        return Result.of(command, request);
    }

    /** A reply that keeps what it gets and reports itself closed once {@code closeWhen} saw a line it likes. */
    static final class ClosingReply implements Reply {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<gomd.core.api.Record> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.function.Predicate<String> closeWhen;
        private volatile boolean closed;

        ClosingReply(java.util.function.Predicate<String> closeWhen) {
            this.closeWhen = closeWhen;
        }

        @Override
        public void record(gomd.core.api.Record record) {
            records.add(record);
        }

        @Override
        public void table(gomd.core.api.Table table) {
        }

        @Override
        public void text(String line) {
            lines.add(line);
            closed |= closeWhen.test(line);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }
}
