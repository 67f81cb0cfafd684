package gomd.core.internal.collect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import gomd.core.api.Metric;
import gomd.core.api.Sample;

/** Sources with fixed samples, for testing get and the stats log without a sampler. */
final class FakeSources implements Sources {

    final Map<String, SourceInfo> infos = new TreeMap<>();
    final Map<String, Sample> samples = new TreeMap<>();

    FakeSources add(String name, String selector, List<Metric> metrics) {
        return add(name, selector, metrics, Optional.empty());
    }

    FakeSources add(String name, String selector, List<Metric> metrics, Optional<String> error) {
        infos.put(name, new SourceInfo(name, name + " things", selector, 1));
        samples.put(name, new Sample(name, Instant.parse("2026-01-02T10:00:00Z"), metrics, error));
        return this;
    }

    @Override
    public List<String> names() {
        return List.copyOf(infos.keySet());
    }

    @Override
    public Optional<Sample> latest(String collector) {
        return Optional.ofNullable(samples.get(collector));
    }

    @Override
    public List<SourceInfo> sources() {
        return List.copyOf(infos.values());
    }

    @Override
    public Optional<SourceInfo> source(String name) {
        return Optional.ofNullable(infos.get(name));
    }
}
