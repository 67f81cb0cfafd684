package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import gomd.core.api.CommandRegistry;
import gomd.core.api.FrontEnd;
import gomd.core.api.LocalNode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Request;
import gomd.core.api.Result;

/** The component as DS runs it, two of them in this JVM on loopback (ports 25150-25169). */
class MembershipServiceTest {

    @TempDir
    Path homes;

    private final List<MembershipService> services = new ArrayList<>();
    private final List<Request> localRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void deactivate() {
        services.forEach(MembershipService::deactivate);
    }

    private MembershipService start(int number, int consolePort) throws Exception {
        Path home = homes.resolve("node" + number);
        Files.createDirectories(home.resolve("etc/gomd"));
        Files.writeString(home.resolve("etc/gomd/cluster.key"), "unit-test-secret\n");
        MembershipService s = new MembershipService(key -> null);
        s.localNode = localNode(number, consolePort, home);
        s.registry = registry();
        EventAdmin eventAdmin = mock(EventAdmin.class);
        doAnswer(inv -> events.add(inv.getArgument(0))).when(eventAdmin).postEvent(any());
        s.eventAdmin = eventAdmin;
        s.activate(bundleContext(), Map.of("stack", "unicast", "seeds", "127.0.0.1:25150,127.0.0.1:25160",
                "failure.timeout", "3000", "join.timeout", "1000"));
        services.add(s);
        return s;
    }

    private static LocalNode localNode(int number, int consolePort, Path home) {
        return new LocalNode() {
            public int number() {
                return number;
            }

            public String hostName() {
                return "host" + number;
            }

            public InetAddress consoleAddress() {
                return InetAddress.getLoopbackAddress();
            }

            public int consolePort() {
                return consolePort;
            }

            public Path home() {
                return home;
            }
        };
    }

    private CommandRegistry registry() throws Exception {
        CommandRegistry registry = mock(CommandRegistry.class);
        doAnswer(inv -> {
            Request request = inv.getArgument(0);
            localRequests.add(request);
            ((Result) inv.getArgument(1)).record(Record.of("LOAD", "0.25"));
            return null;
        }).when(registry).execute(any(), any());
        return registry;
    }

    private static BundleContext bundleContext() {
        BundleContext context = mock(BundleContext.class);
        Bundle core = bundle("gomd.core", Bundle.ACTIVE);
        Bundle rgs = bundle("gomd.rgs", Bundle.ACTIVE);
        Bundle stopped = bundle("gomd.scx", Bundle.RESOLVED);
        Bundle other = bundle("org.apache.felix.scr", Bundle.ACTIVE);
        when(context.getBundles()).thenReturn(new Bundle[] {core, rgs, stopped, other});
        return context;
    }

    private static Bundle bundle(String name, int state) {
        Bundle b = mock(Bundle.class);
        when(b.getSymbolicName()).thenReturn(name);
        when(b.getState()).thenReturn(state);
        return b;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void twoDaemonsJoinPostEventsAndRememberEachOtherInTheCacheFile() throws Exception {
        MembershipService one = start(1, 25150);
        MembershipService two = start(2, 25160);

        await("both see both", () -> one.nodes().size() == 2 && two.nodes().size() == 2);
        NodeInfo self = one.nodes().get(0);
        assertThat(self.number()).isEqualTo(1);
        assertThat(self.features()).containsExactlyInAnyOrder("gomd.core", "gomd.rgs");
        assertThat(one.nodes().get(1).consolePort()).isEqualTo(25160);

        await("JOINED posted", () -> events.stream().anyMatch(e -> e.getTopic().equals("gomd/rgs/JOINED")
                && Integer.valueOf(2).equals(e.getProperty("node.number"))));
        Path cache = one.localNode.home().resolve("data/gomd/knownGomds.conf");
        await("the cache file lists #2", () -> {
            try {
                return Files.exists(cache) && Files.readString(cache).contains("127.0.0.1 25160 25164 2 ");
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void theLocalNodeIsAnsweredInProcessAsAnInternalLoopbackRequest() throws Exception {
        MembershipService one = start(1, 25150);
        NodeInfo self = one.nodes().get(0);

        Map<NodeInfo, Result> answers = one.ask(List.of(self), "get load", Duration.ofSeconds(5));

        assertThat(answers.get(self).records()).containsExactly(Record.of("LOAD", "0.25"));
        assertThat(localRequests).hasSize(1);
        Request r = localRequests.get(0);
        assertThat(r.line()).isEqualTo("get load");
        assertThat(r.args()).containsExactly("load");
        assertThat(r.frontEnd()).isEqualTo(FrontEnd.INTERNAL);
        assertThat(r.callerAddress().isLoopbackAddress()).isTrue();
    }
}
