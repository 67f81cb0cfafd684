package gomd.core.internal.oshi;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;

/** {@code get uptime}: how long the node and this daemon have been up. */
@Component(service = Collector.class)
@CollectorProperties(name = "uptime", description = "seconds since boot, boot time and the daemon's own uptime")
public class UptimeCollector implements Collector {

    private final LongSupplier uptimeSeconds;

    public UptimeCollector() {
        this(() -> Oshi.os().getSystemUptime());
    }

    UptimeCollector(LongSupplier uptimeSeconds) {
        this.uptimeSeconds = uptimeSeconds;
    }

    @Override
    public List<Metric> collect() {
        long up = uptimeSeconds.getAsLong();
        Instant boot = Instant.now().minusSeconds(up);
        return List.of(Metric.gauge("UPTIME", up, "s"), Metric.info("UPTIME_TEXT", text(up)),
                Metric.info("BOOT_TIME", boot.toString()),
                Metric.gauge("DAEMON_UPTIME", ManagementFactory.getRuntimeMXBean().getUptime() / 1000, "s"));
    }

    /** {@code 3 days, 04:05:06} like uptime(1) (without "days" below a day). */
    static String text(long seconds) {
        long days = seconds / 86_400;
        String clock = String.format("%02d:%02d:%02d", seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }
}
