package gomd.core.internal.collect;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.CollectorRegistry;
import gomd.core.api.LocalNode;

/**
 * The flat text log of samples, like the seed's openMosixcollector: off by default; when on,
 * every {@code interval} seconds the new samples of the chosen sources are appended to
 * {@code file} (relative to the node home), rotated by size.
 */
@Component(service = {}, immediate = true, configurationPid = StatsLog.PID)
@Designate(ocd = StatsLog.Config.class)
public class StatsLog {

    static final String PID = "gomd.core.statslog";

    private static final Logger LOG = LoggerFactory.getLogger(StatsLog.class);

    @ObjectClassDefinition(name = "gomd stats log", description = "Flat text log of collector samples "
            + "(file etc/" + PID + ".cfg).")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Write the stats log.")
        boolean enabled() default false;

        @AttributeDefinition(name = "Interval", min = "1", max = "86400",
                description = "Seconds between writes; each write adds the samples taken since the last one.")
        int interval() default 10;

        @AttributeDefinition(name = "File", description = "The log file; a relative path is below the node home.")
        String file() default "log/gomd-stats.log";

        @AttributeDefinition(name = "Maximum size", min = "1024",
                description = "Bytes before the file is rotated to FILE.1.")
        long maxSize() default 10L * 1024 * 1024;

        @AttributeDefinition(name = "Rotated files kept", min = "0", max = "100",
                description = "How many rotated files (FILE.1 ... FILE.N) are kept.")
        int keep() default 3;

        @AttributeDefinition(name = "Sources", description = "Comma-separated collector names to log, * for all.")
        String sources() default "load,cpu,mem,netload,disk,fs";
    }

    /** The settings in force (each invalid value keeps the previous one). */
    record Settings(boolean enabled, int interval, String file, long maxSize, int keep, Set<String> sources) {
        static final Settings DEFAULT = new Settings(false, 10, "log/gomd-stats.log", 10L * 1024 * 1024, 3,
                Set.of("load", "cpu", "mem", "netload", "disk", "fs"));

        Settings with(Map<String, ?> props) {
            ConfigValues c = new ConfigValues(PID, props);
            String list = c.string("sources", String.join(",", DEFAULT.sources));
            return new Settings(c.bool("enabled", DEFAULT.enabled, enabled),
                    c.integer("interval", DEFAULT.interval, 1, 86_400, interval),
                    c.string("file", DEFAULT.file),
                    c.number("maxSize", DEFAULT.maxSize, 1024, Long.MAX_VALUE, maxSize),
                    c.integer("keep", DEFAULT.keep, 0, 100, keep),
                    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .collect(Collectors.toUnmodifiableSet()));
        }
    }

    @Reference
    CollectorRegistry registry;

    @Reference
    LocalNode node;

    private Settings settings = Settings.DEFAULT;
    private ScheduledExecutorService timer;
    private RotatingLog log;
    private volatile boolean failing;

    @Activate
    @Modified
    synchronized void configure(Map<String, Object> props) {
        settings = settings.with(props);
        stop();
        if (!settings.enabled()) {
            return;
        }
        Path file;
        try {
            file = node.home().resolve(settings.file());
            log = new RotatingLog(file, settings.maxSize(), settings.keep());
        } catch (IOException | InvalidPathException e) {
            LOG.warn("{}: cannot open the stats log {}: {}", PID, settings.file(), e.toString());
            return;
        }
        StatsLogWriter writer = new StatsLogWriter(registry, settings.sources(), log);
        timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("gomd-statslog"));
        timer.scheduleWithFixedDelay(() -> write(writer, file), settings.interval(), settings.interval(),
                TimeUnit.SECONDS);
        LOG.info("stats log: {} every {} s to {} (rotated at {} bytes, {} kept)", settings.sources(),
                settings.interval(), file, settings.maxSize(), settings.keep());
    }

    private void write(StatsLogWriter writer, Path file) {
        try {
            writer.writeNew();
            if (failing) {
                LOG.info("stats log {} is written again", file);
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot write the stats log {}: {}", file, e.toString());
                failing = true;
            }
        }
    }

    @Deactivate
    synchronized void stop() {
        if (timer != null) {
            // let a write in progress end its line rather than interrupt it
            timer.shutdown();
            try {
                timer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.debug("closing the stats log", e);
            }
            log = null;
        }
    }
}
