package gomd.core.internal.oshi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * {@code get ps [cpu|mem] [N]}: process and thread counts, and the processes that lead by CPU
 * or by memory (label {@code pid}). CPU % is the share of one CPU between two readings, as
 * {@code top} shows it; a process seen for the first time gets its lifetime average.
 */
@Component(service = Collector.class)
@CollectorProperties(name = "ps", selector = "pid", interval = 3,
        description = "process count and the top processes by CPU and memory (get ps [cpu|mem] [N])")
public class PsCollector implements Collector {

    /** The processes kept per ordering; {@code get ps} shows at most this many. */
    static final int KEEP = 50;

    /** One process: CPU time and age in ms, resident memory in bytes. */
    record ProcReading(int pid, String user, String name, String state, long rss, long cpuMillis, long upMillis) {
    }

    record PsReading(int processes, int threads, long totalMemory, List<ProcReading> procs) {
    }

    private final Supplier<PsReading> source;
    private volatile Map<Integer, ProcReading> previous = Map.of();

    public PsCollector() {
        this(PsCollector::readOshi);
    }

    PsCollector(Supplier<PsReading> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        PsReading r = source.get();
        Map<Integer, ProcReading> now = new HashMap<>();
        r.procs().forEach(p -> now.put(p.pid(), p));
        List<Metric> m = metrics(r, previous, KEEP);
        previous = now;
        return m;
    }

    /** CPU % of one process between two readings of it (lifetime average without an earlier one). */
    static double cpuPercent(ProcReading now, ProcReading before) {
        if (before == null || now.upMillis() <= before.upMillis() || now.cpuMillis() < before.cpuMillis()) {
            return Rates.percent(now.cpuMillis(), now.upMillis());
        }
        return Rates.percent(now.cpuMillis() - before.cpuMillis(), now.upMillis() - before.upMillis());
    }

    static List<Metric> metrics(PsReading r, Map<Integer, ProcReading> before, int keep) {
        Map<Integer, Double> cpu = new HashMap<>();
        r.procs().forEach(p -> cpu.put(p.pid(), cpuPercent(p, before.get(p.pid()))));
        Set<ProcReading> shown = new LinkedHashSet<>();
        r.procs().stream().sorted(Comparator.comparingDouble((ProcReading p) -> cpu.get(p.pid())).reversed())
                .limit(keep).forEach(shown::add);
        r.procs().stream().sorted(Comparator.comparingLong(ProcReading::rss).reversed()).limit(keep)
                .forEach(shown::add);

        List<Metric> m = new ArrayList<>();
        m.add(Metric.gauge("PROCESSES", r.processes(), ""));
        m.add(Metric.gauge("THREADS", r.threads(), ""));
        m.add(Metric.gauge("RUNNING", r.procs().stream().filter(p -> p.state().equals("RUNNING")).count(), ""));
        for (ProcReading p : shown) {
            String pid = Integer.toString(p.pid());
            List.of(Metric.info("USER", p.user()),
                    Metric.gauge("CPU", cpu.get(p.pid()), "%"),
                    Metric.gauge("MEM", Rates.percent(p.rss(), r.totalMemory()), "%"),
                    Metric.gauge("RSS", p.rss(), "B"),
                    Metric.info("STATE", p.state()),
                    Metric.info("NAME", p.name())).forEach(x -> m.add(x.withLabel("pid", pid)));
        }
        return m;
    }

    static PsReading readOshi() {
        OperatingSystem os = Oshi.os();
        List<ProcReading> procs = new ArrayList<>();
        for (OSProcess p : os.getProcesses()) {
            procs.add(new ProcReading(p.getProcessID(), nonNull(p.getUser()), nonNull(p.getName()), p.getState().name(),
                    p.getResidentSetSize(), p.getKernelTime() + p.getUserTime(), p.getUpTime()));
        }
        return new PsReading(os.getProcessCount(), os.getThreadCount(), Oshi.hardware().getMemory().getTotal(), procs);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
