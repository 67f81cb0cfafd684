package gomd.core.internal.oshi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import gomd.core.api.MetricType;
import oshi.hardware.HWDiskStore;

/** {@code get disk [NAME]}: every disk (label {@code disk}, e.g. {@code sda}) with I/O counters and rates. */
@Component(service = Collector.class)
@CollectorProperties(name = "disk", selector = "disk",
        description = "disks: size, reads, writes, bytes, queue, busy % and rates")
public class DiskCollector implements Collector {

    /** One disk at one moment; {@code ioMillis} is the time spent doing I/O. */
    record DiskReading(String name, long millis, String model, long size, long reads, long writes, long readBytes,
                       long writeBytes, long queue, long ioMillis) {
    }

    private final Supplier<List<DiskReading>> source;
    private volatile Map<String, DiskReading> previous = Map.of();

    public DiskCollector() {
        this(DiskCollector::readOshi);
    }

    DiskCollector(Supplier<List<DiskReading>> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        List<Metric> out = new ArrayList<>();
        Map<String, DiskReading> now = new HashMap<>();
        for (DiskReading r : source.get()) {
            if (now.putIfAbsent(r.name(), r) == null) {
                out.addAll(metrics(r, previous.get(r.name())));
            }
        }
        previous = now;
        return out;
    }

    static List<Metric> metrics(DiskReading r, DiskReading before) {
        List<Metric> m = new ArrayList<>();
        m.add(Metric.info("MODEL", r.model()));
        m.add(Metric.gauge("SIZE", r.size(), "B"));
        m.add(counter("READS", r.reads(), ""));
        m.add(counter("WRITES", r.writes(), ""));
        m.add(counter("READ_BYTES", r.readBytes(), "B"));
        m.add(counter("WRITE_BYTES", r.writeBytes(), "B"));
        m.add(Metric.gauge("QUEUE", r.queue(), ""));
        m.add(counter("IO_TIME", r.ioMillis(), "ms"));
        if (before != null && r.millis() > before.millis()) {
            long ms = r.millis() - before.millis();
            m.add(Metric.gauge("READS_RATE", Rates.perSecond(before.reads(), r.reads(), ms), "1/s"));
            m.add(Metric.gauge("WRITES_RATE", Rates.perSecond(before.writes(), r.writes(), ms), "1/s"));
            m.add(Metric.gauge("READ_BYTES_RATE", Rates.perSecond(before.readBytes(), r.readBytes(), ms), "B/s"));
            m.add(Metric.gauge("WRITE_BYTES_RATE", Rates.perSecond(before.writeBytes(), r.writeBytes(), ms), "B/s"));
            double busy = Rates.perSecond(before.ioMillis(), r.ioMillis(), ms) / 10; // ms per s -> %
            m.add(Metric.gauge("BUSY", Math.min(100, busy), "%"));
        }
        return m.stream().map(x -> x.withLabel("disk", r.name())).toList();
    }

    private static Metric counter(String name, long value, String unit) {
        return new Metric(name, Map.of(), MetricType.COUNTER, unit, value);
    }

    static List<DiskReading> readOshi() {
        List<DiskReading> out = new ArrayList<>();
        for (HWDiskStore d : Oshi.hardware().getDiskStores()) {
            String name = d.getName().startsWith("/dev/") ? d.getName().substring(5) : d.getName();
            out.add(new DiskReading(name, d.getTimeStamp(), d.getModel(), d.getSize(), d.getReads(), d.getWrites(),
                    d.getReadBytes(), d.getWriteBytes(), d.getCurrentQueueLength(), d.getTransferTime()));
        }
        return out;
    }
}
