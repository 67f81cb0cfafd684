package gomd.core.internal.oshi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import oshi.software.os.OSFileStore;

/**
 * {@code get fs [MOUNT]}: local file systems (label {@code mount}) with space and inodes.
 * Read every 10 s: a hung mount shows as a timeout of this collector only.
 */
@Component(service = Collector.class)
@CollectorProperties(name = "fs", selector = "mount", interval = 10,
        description = "file systems: total, used, available bytes and used %, inodes")
public class FsCollector implements Collector {

    /** One file system; {@code free} counts blocks reserved for root, {@code available} does not. */
    record FsReading(String mount, String device, String type, long total, long free, long available,
                     long inodesTotal, long inodesFree) {
    }

    private final Supplier<List<FsReading>> source;

    public FsCollector() {
        this(FsCollector::readOshi);
    }

    FsCollector(Supplier<List<FsReading>> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        List<Metric> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FsReading r : source.get()) {
            if (seen.add(r.mount())) {
                out.addAll(metrics(r));
            }
        }
        return out;
    }

    /** Used % as df computes it: used over what users can have (used + available). */
    static List<Metric> metrics(FsReading r) {
        List<Metric> m = new ArrayList<>();
        long used = Math.max(0, r.total() - r.free());
        m.add(Metric.info("DEVICE", r.device()));
        m.add(Metric.info("TYPE", r.type()));
        m.add(Metric.gauge("TOTAL", r.total(), "B"));
        m.add(Metric.gauge("USED", used, "B"));
        m.add(Metric.gauge("AVAILABLE", r.available(), "B"));
        m.add(Metric.gauge("FREE", r.free(), "B"));
        m.add(Metric.gauge("USED_PCT", Rates.percent(used, used + r.available()), "%"));
        if (r.inodesTotal() > 0) {
            m.add(Metric.gauge("INODES_TOTAL", r.inodesTotal(), ""));
            m.add(Metric.gauge("INODES_FREE", r.inodesFree(), ""));
            m.add(Metric.gauge("INODES_USED_PCT", Rates.percent(r.inodesTotal() - r.inodesFree(), r.inodesTotal()),
                    "%"));
        }
        return m.stream().map(x -> x.withLabel("mount", r.mount())).toList();
    }

    static List<FsReading> readOshi() {
        List<FsReading> out = new ArrayList<>();
        for (OSFileStore f : Oshi.os().getFileSystem().getFileStores(true)) {
            out.add(new FsReading(f.getMount(), f.getVolume(), f.getType(), f.getTotalSpace(), f.getFreeSpace(),
                    f.getUsableSpace(), f.getTotalInodes(), f.getFreeInodes()));
        }
        return out;
    }
}
