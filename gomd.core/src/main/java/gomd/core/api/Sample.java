package gomd.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The latest reading of one collector.
 *
 * @param collector the collector name
 * @param taken     when the reading finished
 * @param metrics   the values (empty when it failed)
 * @param error     why the last attempt failed or timed out; then {@code metrics} may hold the last good values
 */
public record Sample(String collector, Instant taken, List<Metric> metrics, Optional<String> error) {
    public Sample {
        metrics = List.copyOf(metrics);
    }
}
