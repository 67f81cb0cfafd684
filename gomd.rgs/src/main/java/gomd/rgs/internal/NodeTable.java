package gomd.rgs.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import gomd.core.api.NodeInfo;

/**
 * The cluster as this daemon sees it, built from membership views (who is there) and
 * announcements (who they are). Pure logic, no I/O, no threads: the membership service feeds it
 * from one thread and publishes {@link #rows()} snapshots.
 *
 * <ul>
 * <li>A member counts once it has announced itself: that is when it JOINED.</li>
 * <li>A member that leaves the view after saying bye LEFT; without bye it FAILED. Departed
 *     daemons stay listed (with their state and since when) until they come back or are forgotten.</li>
 * <li>A daemon that comes back at the same console address and port replaces its old entry.</li>
 * <li>Two live daemons with the same node number but different console addresses CLASH: both
 *     stay listed and the clash is reported once when it appears.</li>
 * </ul>
 *
 * @param <M> the membership layer's member address (JGroups {@code Address}; strings in tests)
 */
public final class NodeTable<M> {

    /** What changed, for logs and events. */
    public enum Kind { JOINED, LEFT, FAILED, MERGED, CLASH }

    /**
     * One change.
     *
     * @param kind           what happened
     * @param node           the node it happened to (for MERGED: this node)
     * @param membershipPort that node's membership port (for the cache file)
     * @param detail         more for the log: the partitions merged, the clashing daemons
     */
    public record Change(Kind kind, NodeInfo node, int membershipPort, String detail) {
    }

    /**
     * One line of {@code nodes}.
     *
     * @param info  the node
     * @param clash true if another live daemon has the same number
     * @param local true for this daemon
     */
    public record Row(NodeInfo info, boolean clash, boolean local) {
    }

    private static final int MAX_EARLY = 1024;
    private static final Comparator<NodeInfo> ORDER = Comparator.comparingInt(NodeInfo::number)
            .thenComparing(n -> n.address().getHostAddress()).thenComparingInt(NodeInfo::consolePort);

    private final Clock clock;
    private Announcement self;
    private final Instant selfSince;
    private final Map<M, Member> members = new LinkedHashMap<>();
    private final Map<M, Announcement> early = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<M, Announcement> eldest) {
            return size() > MAX_EARLY;
        }
    };
    private final Set<M> leaving = new HashSet<>();
    private final Map<InetSocketAddress, NodeInfo> departed = new HashMap<>();
    private Set<Integer> clashing = Set.of();
    private M selfMember;

    private static final class Member {
        Announcement announcement;
        Instant since;
    }

    public NodeTable(Announcement self, Clock clock) {
        this.self = self;
        this.clock = clock;
        this.selfSince = clock.instant();
    }

    public Announcement self() {
        return self;
    }

    /** This daemon's features changed. */
    public void updateSelf(Announcement announcement) {
        this.self = announcement;
    }

    /**
     * A new view: {@code view} holds every member, {@code selfMember} (this daemon) included;
     * {@code partitions} is the number of partitions it merged (1 for a plain view).
     */
    public List<Change> view(M selfMember, Collection<M> view, int partitions) {
        this.selfMember = selfMember;
        Instant now = clock.instant();
        Set<M> current = new HashSet<>(view);
        List<Change> changes = new ArrayList<>();
        for (var it = members.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (current.contains(e.getKey())) {
                continue;
            }
            it.remove();
            boolean left = leaving.remove(e.getKey());
            Announcement a = e.getValue().announcement;
            if (a != null) {
                NodeInfo info = info(a, left ? NodeInfo.State.LEFT : NodeInfo.State.FAILED, now);
                departed.put(a.identity(), info);
                changes.add(new Change(left ? Kind.LEFT : Kind.FAILED, info, a.membershipPort(), ""));
            }
        }
        leaving.retainAll(current);
        List<M> added = new ArrayList<>();
        for (M m : view) {
            if (!members.containsKey(m) && !isSelf(m)) {
                members.put(m, new Member());
                added.add(m);
            }
        }
        if (partitions > 1) {
            changes.add(new Change(Kind.MERGED, info(self, NodeInfo.State.ALIVE, selfSince), self.membershipPort(),
                    partitions + " partitions merged into " + view.size() + " members"));
        }
        for (M m : added) {
            Announcement a = early.remove(m);
            if (a != null) {
                changes.addAll(announce(m, a));
            }
        }
        changes.addAll(clashes());
        return changes;
    }

    private boolean isSelf(M m) {
        return m.equals(selfMember);
    }

    /** A member told who it is. */
    public List<Change> announce(M from, Announcement a) {
        if (isSelf(from)) {
            return List.of();
        }
        Member member = members.get(from);
        if (member == null) {
            early.put(from, a);
            return List.of();
        }
        boolean first = member.announcement == null;
        member.announcement = a;
        if (!first) {
            return clashes();
        }
        member.since = clock.instant();
        // The same daemon restarted before its old incarnation was dropped from the view.
        members.entrySet().removeIf(e -> !e.getKey().equals(from) && e.getValue().announcement != null
                && e.getValue().announcement.identity().equals(a.identity()));
        departed.remove(a.identity());
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(Kind.JOINED, info(a, NodeInfo.State.ALIVE, member.since), a.membershipPort(), ""));
        changes.addAll(clashes());
        return changes;
    }

    /** A member said it is stopping: when it leaves the view it LEFT rather than FAILED. */
    public void bye(M from) {
        if (members.containsKey(from)) {
            leaving.add(from);
        }
    }

    /** Forgets departed daemons that have been gone longer than {@code after}. */
    public void forget(Duration after) {
        Instant limit = clock.instant().minus(after);
        departed.values().removeIf(n -> n.since().isBefore(limit));
    }

    /** The live members that have announced themselves, this daemon excluded. */
    public Map<M, Announcement> alive() {
        Map<M, Announcement> alive = new LinkedHashMap<>();
        members.forEach((m, member) -> {
            if (member.announcement != null) {
                alive.put(m, member.announcement);
            }
        });
        return alive;
    }

    /** Members in the view that have not announced themselves (yet). */
    public List<M> silent() {
        return members.entrySet().stream().filter(e -> e.getValue().announcement == null).map(Map.Entry::getKey)
                .toList();
    }

    /** Every node, this one first among equals, sorted by number, address and console port. */
    public List<Row> rows() {
        Set<Integer> clash = clashingNumbers();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(info(self, NodeInfo.State.ALIVE, selfSince), clash.contains(self.number()), true));
        for (Member m : members.values()) {
            if (m.announcement != null) {
                rows.add(new Row(info(m.announcement, NodeInfo.State.ALIVE, m.since),
                        clash.contains(m.announcement.number()), false));
            }
        }
        for (NodeInfo n : departed.values()) {
            rows.add(new Row(n, false, false));
        }
        rows.sort(Comparator.comparing(Row::info, ORDER));
        return rows;
    }

    private List<Change> clashes() {
        Set<Integer> now = clashingNumbers();
        List<Change> changes = new ArrayList<>();
        for (int number : now) {
            if (clashing.contains(number)) {
                continue;
            }
            List<Announcement> same = liveAnnouncements().stream().filter(a -> a.number() == number).toList();
            String who = same.stream().map(a -> a.name() + " " + a.consoleAddress().getHostAddress() + ":" + a.consolePort())
                    .collect(Collectors.joining(", "));
            changes.add(new Change(Kind.CLASH, info(same.get(0), NodeInfo.State.ALIVE, clock.instant()),
                    same.get(0).membershipPort(), "node number #" + number + " is used by " + who));
        }
        clashing = now;
        return changes;
    }

    private Set<Integer> clashingNumbers() {
        Map<Integer, Set<InetSocketAddress>> byNumber = new HashMap<>();
        for (Announcement a : liveAnnouncements()) {
            byNumber.computeIfAbsent(a.number(), k -> new HashSet<>()).add(a.identity());
        }
        Set<Integer> clash = new TreeSet<>();
        byNumber.forEach((number, identities) -> {
            if (identities.size() > 1) {
                clash.add(number);
            }
        });
        return clash;
    }

    private List<Announcement> liveAnnouncements() {
        List<Announcement> live = new ArrayList<>();
        live.add(self);
        live.addAll(alive().values());
        return live;
    }

    private static NodeInfo info(Announcement a, NodeInfo.State state, Instant since) {
        return new NodeInfo(a.number(), a.name(), a.consoleAddress(), a.consolePort(), state, a.features(), since);
    }
}
