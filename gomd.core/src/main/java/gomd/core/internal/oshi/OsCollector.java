package gomd.core.internal.oshi;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import oshi.software.os.OperatingSystem;

/** {@code get os}: operating system, kernel, host name, architecture, JVM and boot time. */
@Component(service = Collector.class)
@CollectorProperties(name = "os", interval = 60, description = "operating system, kernel, host name, architecture, JVM")
public class OsCollector implements Collector {

    @Override
    public List<Metric> collect() {
        OperatingSystem os = Oshi.os();
        return List.of(
                Metric.info("OS", name(os.getFamily(), os.getVersionInfo())),
                Metric.info("KERNEL", System.getProperty("os.name") + " " + System.getProperty("os.version")),
                Metric.info("HOSTNAME", os.getNetworkParams().getHostName()),
                Metric.info("ARCH", System.getProperty("os.arch")),
                Metric.gauge("BITNESS", os.getBitness(), "bit"),
                Metric.info("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")),
                Metric.info("BOOT_TIME", Instant.ofEpochSecond(os.getSystemBootTime()).toString()));
    }

    /** {@code Debian GNU/Linux 12 (bookworm)}: the build number is the kernel, shown as KERNEL. */
    static String name(String family, OperatingSystem.OSVersionInfo v) {
        String code = v.getCodeName() == null || v.getCodeName().isBlank() ? "" : " (" + v.getCodeName() + ")";
        return (family + " " + (v.getVersion() == null ? "" : v.getVersion())).strip() + code;
    }
}
