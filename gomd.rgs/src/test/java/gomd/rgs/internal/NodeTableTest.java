package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import gomd.core.api.NodeInfo;
import gomd.rgs.internal.NodeTable.Change;
import gomd.rgs.internal.NodeTable.Kind;
import gomd.rgs.internal.NodeTable.Row;

class NodeTableTest {

    private final MutableClock clock = new MutableClock();
    private final NodeTable<String> table = new NodeTable<>(node(1, "10.0.0.1", 9889), clock);

    private static Announcement node(int number, String address, int port) {
        try {
            return new Announcement(number, "host" + number, InetAddress.getByName(address), port, port + 4,
                    Set.of("gomd.core", "gomd.rgs"), Instant.EPOCH);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Kind> kinds(List<Change> changes) {
        return changes.stream().map(Change::kind).toList();
    }

    private List<String> states() {
        return table.rows().stream().map(r -> r.info().number() + ":" + (r.clash() ? "CLASH" : r.info().state()))
                .toList();
    }

    @Test
    void aloneItListsOnlyItself() {
        assertThat(table.view("me", List.of("me"), 1)).isEmpty();
        List<Row> rows = table.rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).local()).isTrue();
        assertThat(rows.get(0).info().state()).isEqualTo(NodeInfo.State.ALIVE);
    }

    @Test
    void aMemberJoinsWhenItHasAnnouncedItself() {
        assertThat(table.view("me", List.of("me", "b"), 1)).isEmpty();
        assertThat(states()).containsExactly("1:ALIVE");

        clock.advance(Duration.ofSeconds(5));
        List<Change> changes = table.announce("b", node(2, "10.0.0.2", 9889));

        assertThat(kinds(changes)).containsExactly(Kind.JOINED);
        assertThat(changes.get(0).node().number()).isEqualTo(2);
        assertThat(changes.get(0).membershipPort()).isEqualTo(9893);
        assertThat(states()).containsExactly("1:ALIVE", "2:ALIVE");
        assertThat(table.rows().get(1).info().since()).isEqualTo(clock.instant());
    }

    @Test
    void anAnnouncementBeforeItsViewCountsWhenTheViewArrives() {
        assertThat(table.announce("b", node(2, "10.0.0.2", 9889))).isEmpty();
        assertThat(states()).containsExactly("1:ALIVE");
        assertThat(kinds(table.view("me", List.of("me", "b"), 1))).containsExactly(Kind.JOINED);
        assertThat(states()).containsExactly("1:ALIVE", "2:ALIVE");
    }

    @Test
    void aMemberThatSaidByeLeftAndOneThatVanishedFailed() {
        table.view("me", List.of("me", "b", "c"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));
        table.announce("c", node(3, "10.0.0.3", 9889));

        table.bye("b");
        clock.advance(Duration.ofSeconds(7));
        List<Change> changes = table.view("me", List.of("me"), 1);

        assertThat(changes).extracting(c -> c.kind() + "#" + c.node().number())
                .containsExactlyInAnyOrder("LEFT#2", "FAILED#3");
        assertThat(states()).containsExactly("1:ALIVE", "2:LEFT", "3:FAILED");
        assertThat(table.rows().get(2).info().since()).isEqualTo(clock.instant());
        assertThat(table.alive()).isEmpty();
    }

    @Test
    void aDaemonThatComesBackReplacesItsDepartedEntry() {
        table.view("me", List.of("me", "b"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));
        table.view("me", List.of("me"), 1);
        assertThat(states()).containsExactly("1:ALIVE", "2:FAILED");

        table.view("me", List.of("me", "b2"), 1);
        assertThat(kinds(table.announce("b2", node(2, "10.0.0.2", 9889)))).containsExactly(Kind.JOINED);

        assertThat(states()).containsExactly("1:ALIVE", "2:ALIVE");
    }

    @Test
    void aRestartSeenBeforeTheOldIncarnationIsDroppedIsNotTwoNodes() {
        table.view("me", List.of("me", "old"), 1);
        table.announce("old", node(2, "10.0.0.2", 9889));
        table.view("me", List.of("me", "old", "new"), 1);

        assertThat(kinds(table.announce("new", node(2, "10.0.0.2", 9889)))).containsExactly(Kind.JOINED);
        assertThat(states()).containsExactly("1:ALIVE", "2:ALIVE");
        // the old incarnation leaving the view later is no news
        assertThat(table.view("me", List.of("me", "new"), 1)).isEmpty();
        assertThat(states()).containsExactly("1:ALIVE", "2:ALIVE");
    }

    @Test
    void twoDaemonsWithOneNumberClashAndBothStayListed() {
        table.view("me", List.of("me", "b", "c"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));

        List<Change> changes = table.announce("c", node(2, "10.0.0.3", 9889));

        assertThat(kinds(changes)).containsExactly(Kind.JOINED, Kind.CLASH);
        assertThat(changes.get(1).detail()).isEqualTo(
                "node number #2 is used by host2 10.0.0.2:9889, host2 10.0.0.3:9889");
        assertThat(states()).containsExactly("1:ALIVE", "2:CLASH", "2:CLASH");
        // reported once, not at every later change
        assertThat(table.announce("c", node(2, "10.0.0.3", 9889))).isEmpty();
    }

    @Test
    void aClashWithThisDaemonIsReportedHereToo() {
        table.view("me", List.of("me", "b"), 1);

        List<Change> changes = table.announce("b", node(1, "10.0.0.9", 9889));

        assertThat(kinds(changes)).containsExactly(Kind.JOINED, Kind.CLASH);
        assertThat(table.rows()).allMatch(Row::clash);
    }

    @Test
    void aMergeIsReportedWithItsPartitions() {
        table.view("me", List.of("me", "b"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));

        List<Change> changes = table.view("me", List.of("me", "b", "c", "d"), 2);

        assertThat(kinds(changes)).containsExactly(Kind.MERGED);
        assertThat(changes.get(0).detail()).isEqualTo("2 partitions merged into 4 members");
    }

    @Test
    void departedNodesAreForgottenAfterAWhile() {
        table.view("me", List.of("me", "b"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));
        table.view("me", List.of("me"), 1);

        clock.advance(Duration.ofMinutes(59));
        table.forget(Duration.ofHours(1));
        assertThat(states()).containsExactly("1:ALIVE", "2:FAILED");
        clock.advance(Duration.ofMinutes(2));
        table.forget(Duration.ofHours(1));
        assertThat(states()).containsExactly("1:ALIVE");
    }

    @Test
    void rowsAreSortedByNumberThenAddress() {
        table.view("me", List.of("me", "b", "c", "d"), 1);
        table.announce("b", node(7, "10.0.0.7", 9889));
        table.announce("c", node(3, "10.0.0.9", 9889));
        table.announce("d", node(3, "10.0.0.10", 9889));

        assertThat(table.rows()).extracting(r -> r.info().number() + "@" + r.info().address().getHostAddress())
                .containsExactly("1@10.0.0.1", "3@10.0.0.10", "3@10.0.0.9", "7@10.0.0.7");
    }

    @Test
    void membersThatHaveNotAnnouncedThemselvesAreSilent() {
        table.view("me", List.of("me", "b", "c"), 1);
        table.announce("b", node(2, "10.0.0.2", 9889));
        assertThat(table.silent()).containsExactly("c");
    }

    @Test
    void ownAnnouncementsAreIgnored() {
        table.view("me", List.of("me"), 1);
        assertThat(table.announce("me", node(1, "10.0.0.1", 9889))).isEmpty();
        assertThat(states()).containsExactly("1:ALIVE");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
