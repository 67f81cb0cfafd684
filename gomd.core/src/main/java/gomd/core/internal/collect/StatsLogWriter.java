package gomd.core.internal.collect;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import gomd.core.api.CollectorRegistry;
import gomd.core.api.Record;
import gomd.core.api.Sample;
import gomd.core.internal.console.Wire;

/**
 * Writes the samples not yet logged, one line per record:
 * {@code 2026-01-02T10:00:00Z load (LOAD:0.52)(LOAD5:0.4)(LOAD15:0.33)}; a failed read gives
 * {@code ... load (ERROR:timed out after 5 s)}. Values are escaped as on the console
 * (docs/PROTOCOL.md), so a value never breaks a line.
 */
final class StatsLogWriter {

    /** The sources named {@code *} in the configuration: every collector. */
    static final String EVERY = "*";

    private final CollectorRegistry registry;
    private final Set<String> sources;
    private final RotatingLog log;
    private final Map<String, Instant> written = new HashMap<>();

    StatsLogWriter(CollectorRegistry registry, Set<String> sources, RotatingLog log) {
        this.registry = registry;
        this.sources = sources;
        this.log = log;
    }

    void writeNew() throws IOException {
        for (String name : registry.names()) {
            if (!sources.contains(EVERY) && !sources.contains(name)) {
                continue;
            }
            Optional<Sample> latest = registry.latest(name);
            if (latest.isEmpty() || latest.get().taken().equals(written.get(name))) {
                continue;
            }
            Sample s = latest.get();
            String prefix = s.taken().truncatedTo(ChronoUnit.MILLIS) + " " + name + " ";
            if (s.error().isPresent()) {
                log.append(prefix + Wire.record(Record.of("ERROR", s.error().get())));
            } else {
                for (Record r : SampleFormat.records(s.metrics(), "")) {
                    log.append(prefix + Wire.record(r));
                }
            }
            written.put(name, s.taken());
        }
    }
}
