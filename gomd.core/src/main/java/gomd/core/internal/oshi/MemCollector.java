package gomd.core.internal.oshi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * {@code get mem}: memory and swap in bytes. On Linux it reads {@code /proc/meminfo} itself
 * (OSHI has no "free" figure); elsewhere it asks OSHI, and free is then what is available.
 */
@Component(service = Collector.class)
@CollectorProperties(name = "mem", description = "memory and swap in bytes: total, free, available, used")
public class MemCollector implements Collector {

    /** One reading in bytes; -1 where the platform does not say. */
    record MemReading(long total, long free, long available, long buffers, long cached, long swapTotal,
                      long swapFree) {
    }

    private final Supplier<MemReading> source;

    public MemCollector() {
        this(() -> Oshi.isLinux() ? readMeminfo(Path.of("/proc")) : readOshi());
    }

    MemCollector(Supplier<MemReading> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        return metrics(source.get());
    }

    static List<Metric> metrics(MemReading r) {
        List<Metric> m = new ArrayList<>();
        long used = r.total() - r.available();
        m.add(Metric.gauge("MEM_TOTAL", r.total(), "B"));
        m.add(Metric.gauge("MEM_FREE", r.free(), "B"));
        m.add(Metric.gauge("MEM_AVAILABLE", r.available(), "B"));
        m.add(Metric.gauge("MEM_USED", used, "B"));
        m.add(Metric.gauge("MEM_USED_PCT", Rates.percent(used, r.total()), "%"));
        if (r.buffers() >= 0) {
            m.add(Metric.gauge("BUFFERS", r.buffers(), "B"));
        }
        if (r.cached() >= 0) {
            m.add(Metric.gauge("CACHED", r.cached(), "B"));
        }
        long swapUsed = r.swapTotal() - r.swapFree();
        m.add(Metric.gauge("SWAP_TOTAL", r.swapTotal(), "B"));
        m.add(Metric.gauge("SWAP_FREE", r.swapFree(), "B"));
        m.add(Metric.gauge("SWAP_USED", swapUsed, "B"));
        m.add(Metric.gauge("SWAP_USED_PCT", Rates.percent(swapUsed, r.swapTotal()), "%"));
        return m;
    }

    /** Reads {@code meminfo} below a proc root (a fixture in tests). */
    static MemReading readMeminfo(Path procRoot) {
        try {
            return parseMeminfo(Files.readAllLines(procRoot.resolve("meminfo")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code Key:   123 kB} lines; a kernel older than 3.14 has no MemAvailable, estimated then. */
    static MemReading parseMeminfo(List<String> lines) {
        Map<String, Long> kb = new HashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] value = line.substring(colon + 1).trim().split("\\s+");
            try {
                kb.put(line.substring(0, colon), Long.parseLong(value[0]));
            } catch (NumberFormatException e) {
                // not a number: not a line we need
            }
        }
        if (!kb.containsKey("MemTotal") || !kb.containsKey("MemFree")) {
            throw new IllegalStateException("meminfo has no MemTotal or MemFree");
        }
        long free = kb.get("MemFree");
        long buffers = kb.getOrDefault("Buffers", 0L);
        long cached = kb.getOrDefault("Cached", 0L);
        long available = kb.getOrDefault("MemAvailable", free + buffers + cached);
        return new MemReading(kb.get("MemTotal") * 1024, free * 1024, available * 1024, buffers * 1024,
                cached * 1024, kb.getOrDefault("SwapTotal", 0L) * 1024, kb.getOrDefault("SwapFree", 0L) * 1024);
    }

    static MemReading readOshi() {
        GlobalMemory mem = Oshi.hardware().getMemory();
        VirtualMemory swap = mem.getVirtualMemory();
        return new MemReading(mem.getTotal(), mem.getAvailable(), mem.getAvailable(), -1, -1, swap.getSwapTotal(),
                swap.getSwapTotal() - swap.getSwapUsed());
    }
}
