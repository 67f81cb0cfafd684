package gomd.core.internal.oshi;

import java.util.List;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;

/** {@code get load}: the 1, 5 and 15 minute load averages ({@code LOAD} is the 1-minute one, as in the seed). */
@Component(service = Collector.class)
@CollectorProperties(name = "load", description = "load average over 1, 5 and 15 minutes")
public class LoadCollector implements Collector {

    private final Supplier<double[]> source;

    public LoadCollector() {
        this(() -> Oshi.hardware().getProcessor().getSystemLoadAverage(3));
    }

    LoadCollector(Supplier<double[]> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        double[] load = source.get();
        if (load.length < 3 || load[0] < 0) {
            throw new IllegalStateException("load average is not available on this platform");
        }
        return List.of(Metric.gauge("LOAD", load[0], ""), Metric.gauge("LOAD5", load[1], ""),
                Metric.gauge("LOAD15", load[2], ""));
    }
}
