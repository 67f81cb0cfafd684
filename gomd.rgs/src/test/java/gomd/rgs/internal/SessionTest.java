package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jgroups.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.NodeInfo;

/** Real JGroups channels in this JVM, unicast stack on loopback (ports 25100-25149). */
class SessionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int BASE = 25100;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<Session> sessions = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private final List<Address> rejected = new CopyOnWriteArrayList<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (int i = 0; i < sessions.size(); i++) {
            ExecutorService t = threads.get(i);
            Session s = sessions.get(i);
            t.execute(s::close);
            t.shutdown();
            t.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private Session start(int number, String secret) throws Exception {
        int consolePort = BASE + 10 * (number - 1);
        Settings settings = Settings.parse(Map.of("stack", "unicast", "failure.timeout", "3000", "join.timeout", "1000"),
                k -> null, Settings.defaults(), p -> {
                    throw new AssertionError(p);
                });
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            peers.add(new InetSocketAddress(LOOPBACK, BASE + 10 * (i - 1) + 4));
        }
        ClusterKey key = new ClusterKey(secret, ClusterKey.Origin.SETTING, null);
        KeyGuard guard = new KeyGuard(key.derive("gomd"), "gomd", rejected::add);
        Stacks.Endpoint endpoint = new Stacks.Endpoint(LOOPBACK, consolePort + 4, List.of());
        Announcement self = new Announcement(number, "host" + number, LOOPBACK, consolePort, consolePort + 4,
                Set.of("gomd.rgs"), Instant.now());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Session s = new Session(Stacks.build(settings, endpoint, peers, guard), "gomd", self, thread,
                list -> list.forEach(c -> changes.add(number + " saw " + c.kind() + " #" + c.node().number())));
        sessions.add(s);
        threads.add(thread);
        thread.submit(() -> {
            s.connect();
            return null;
        }).get(60, TimeUnit.SECONDS);
        return s;
    }

    private static List<String> view(Session s) {
        return s.rows().stream().map(r -> r.info().number() + ":" + r.info().state()).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void daemonsWithTheKeyFindEachOtherAndAStrangerIsKeptOut() throws Exception {
        Session one = start(1, "s3cret");
        Session two = start(2, "s3cret");
        Session three = start(3, "s3cret");

        List<String> all = List.of("1:ALIVE", "2:ALIVE", "3:ALIVE");
        await("all three see each other", () -> view(one).equals(all) && view(two).equals(all)
                && view(three).equals(all));
        assertThat(changes).contains("1 saw JOINED #2", "1 saw JOINED #3", "3 saw JOINED #1");

        Session stranger = start(4, "wrong");
        await("the stranger's traffic is refused", () -> !rejected.isEmpty());
        // it stays alone, and the cluster never lists it
        assertThat(view(stranger)).containsExactly("4:ALIVE");
        assertThat(view(one)).isEqualTo(all);
        assertThat(changes).noneMatch(c -> c.endsWith("#4") || c.startsWith("4 saw JOINED"));

        threads.get(2).submit(three::leave).get(30, TimeUnit.SECONDS);
        await("the others see #3 leave", () -> view(one).contains("3:LEFT") && view(two).contains("3:LEFT"));
        assertThat(changes).contains("1 saw LEFT #3", "2 saw LEFT #3");
        assertThat(one.rows()).filteredOn(r -> r.info().number() == 3).extracting(r -> r.info().state())
                .containsExactly(NodeInfo.State.LEFT);
    }
}
