package gomd.rgs.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gomd.core.api.NodeInfo;

/**
 * The known daemons in memory, backed by {@link KnownGomdsFile}: loaded at start (entries not
 * seen for {@link #MAX_AGE} are dropped), updated with every daemon that joins, leaves or
 * fails, and saved after each change.
 */
final class KnownGomds {

    /** A daemon not seen for this long is no longer worth trying. */
    static final Duration MAX_AGE = Duration.ofDays(30);

    private final KnownGomdsFile file;
    private final Clock clock;
    private final Map<InetSocketAddress, KnownGomd> gomds = new LinkedHashMap<>();

    KnownGomds(KnownGomdsFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    KnownGomdsFile file() {
        return file;
    }

    /** Reads the file; what was skipped is in the returned contents. */
    KnownGomdsFile.Contents load() throws IOException {
        KnownGomdsFile.Contents contents = file.read();
        Instant oldest = clock.instant().minus(MAX_AGE);
        gomds.clear();
        contents.gomds().stream().filter(g -> g.lastSeen().isAfter(oldest)).forEach(g -> gomds.put(g.key(), g));
        return contents;
    }

    /** The daemons in memory, most recently seen first. */
    List<KnownGomd> all() {
        return gomds.values().stream().sorted((a, b) -> b.lastSeen().compareTo(a.lastSeen())).toList();
    }

    /** Notes that {@code node} was seen now. */
    void seen(NodeInfo node, int membershipPort) {
        KnownGomd g = new KnownGomd(node.address(), node.consolePort(), membershipPort, node.number(), clock.instant(),
                node.name());
        gomds.remove(g.key());
        gomds.put(g.key(), g);
    }

    void save() throws IOException {
        file.write(gomds.values());
    }
}
