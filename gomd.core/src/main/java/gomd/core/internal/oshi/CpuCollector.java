package gomd.core.internal.oshi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import gomd.core.internal.oshi.CpuMath.Shares;
import oshi.hardware.CentralProcessor;

/**
 * {@code get cpu [N]}: CPU shares (total and per logical processor, label {@code cpu}),
 * count, model and clock. Shares come from tick counters of two readings at least one second
 * apart; a reading sooner than that keeps the previous shares and the older base.
 */
@Component(service = Collector.class)
@CollectorProperties(name = "cpu", selector = "cpu",
        description = "CPU use in % (total and per cpu: user, system, idle, iowait, ...), count, model, MHz")
public class CpuCollector implements Collector {

    /** The minimum window for meaningful shares (OSHI FAQ). */
    static final long MIN_WINDOW_MILLIS = 1000;

    /**
     * One reading. {@code coreHz} may hold -1 where the clock is unknown.
     */
    record CpuReading(long millis, String model, String vendor, int logical, int physical, int packages,
                      long[] ticks, long[][] coreTicks, long[] coreHz, long maxHz) {
    }

    private final Supplier<CpuReading> source;
    // written by one sampler read at a time; volatile because reads run on different worker threads
    private volatile CpuReading base;
    private volatile Optional<Shares> total = Optional.empty();
    private volatile List<Optional<Shares>> cores = List.of();

    public CpuCollector() {
        this(CpuCollector::readOshi);
    }

    CpuCollector(Supplier<CpuReading> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        CpuReading r = source.get();
        CpuReading b = base;
        if (b == null || b.coreTicks().length != r.coreTicks().length) {
            base = r;
            total = Optional.empty();
            cores = List.of();
        } else if (r.millis() - b.millis() >= MIN_WINDOW_MILLIS) {
            total = CpuMath.between(b.ticks(), r.ticks());
            List<Optional<Shares>> c = new ArrayList<>();
            for (int i = 0; i < r.coreTicks().length; i++) {
                c.add(CpuMath.between(b.coreTicks()[i], r.coreTicks()[i]));
            }
            cores = c;
            base = r;
        }
        return metrics(r, total, cores);
    }

    static List<Metric> metrics(CpuReading r, Optional<Shares> total, List<Optional<Shares>> cores) {
        List<Metric> m = new ArrayList<>();
        total.ifPresent(s -> shares(s, m));
        m.add(Metric.gauge("COUNT", r.logical(), ""));
        m.add(Metric.gauge("CORES", r.physical(), ""));
        m.add(Metric.gauge("SOCKETS", r.packages(), ""));
        m.add(Metric.info("MODEL", r.model()));
        m.add(Metric.info("VENDOR", r.vendor()));
        long mhz = averageMhz(r.coreHz(), r.maxHz());
        if (mhz > 0) {
            m.add(Metric.gauge("MHZ", mhz, "MHz"));
        }
        for (int i = 0; i < r.coreTicks().length; i++) {
            List<Metric> core = new ArrayList<>();
            if (i < cores.size()) {
                cores.get(i).ifPresent(s -> shares(s, core));
            }
            if (i < r.coreHz().length && r.coreHz()[i] > 0) {
                core.add(Metric.gauge("MHZ", Math.round(r.coreHz()[i] / 1e6), "MHz"));
            }
            String label = Integer.toString(i);
            core.forEach(x -> m.add(x.withLabel("cpu", label)));
        }
        return m;
    }

    private static void shares(Shares s, List<Metric> m) {
        m.add(Metric.gauge("USER", s.user(), "%"));
        m.add(Metric.gauge("NICE", s.nice(), "%"));
        m.add(Metric.gauge("SYSTEM", s.system(), "%"));
        m.add(Metric.gauge("IDLE", s.idle(), "%"));
        m.add(Metric.gauge("IOWAIT", s.iowait(), "%"));
        m.add(Metric.gauge("IRQ", s.irq(), "%"));
        m.add(Metric.gauge("STEAL", s.steal(), "%"));
        m.add(Metric.gauge("BUSY", s.busy(), "%"));
    }

    /** The mean current clock of the processors that report one, else the maximum clock, in MHz. */
    static long averageMhz(long[] coreHz, long maxHz) {
        double avg = Arrays.stream(coreHz).filter(hz -> hz > 0).average().orElse(maxHz);
        return Math.round(avg / 1e6);
    }

    static CpuReading readOshi() {
        CentralProcessor p = Oshi.hardware().getProcessor();
        CentralProcessor.ProcessorIdentifier id = p.getProcessorIdentifier();
        long[] ticks = p.getSystemCpuLoadTicks();
        long[][] coreTicks = p.getProcessorCpuLoadTicks();
        long maxHz = p.getMaxFreq() > 0 ? p.getMaxFreq() : id.getVendorFreq();
        return new CpuReading(System.nanoTime() / 1_000_000, id.getName().strip(), id.getVendor(),
                p.getLogicalProcessorCount(), p.getPhysicalProcessorCount(), p.getPhysicalPackageCount(), ticks,
                coreTicks, p.getCurrentFreq(), maxHz);
    }
}
