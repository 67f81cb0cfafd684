package gomd.core.internal.collect;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.Collector;
import gomd.core.api.CollectorRegistry;
import gomd.core.api.Sample;

/**
 * The collector whiteboard and background sampler. Each collector is read every
 * {@link Collector#INTERVAL} seconds (first at once) on a bounded worker pool; a read that takes
 * longer than the timeout is reported in the collector's sample while the others go on, and no
 * new read of it starts until the hung one returns. {@code get} only reads the latest samples.
 */
@Component(service = {CollectorRegistry.class, Sources.class}, configurationPid = Sampler.PID)
@Designate(ocd = Sampler.Config.class)
public class Sampler implements Sources {

    public static final String PID = "gomd.core.collect";

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    @ObjectClassDefinition(name = "gomd collectors", description = "Background sampling of the node collectors "
            + "and the get command (file etc/" + PID + ".cfg).")
    public @interface Config {
        @AttributeDefinition(name = "Collector timeout", min = "1", max = "300",
                description = "Seconds one read of a collector may take; a slower one is reported as timed out "
                        + "and get shows its last good values.")
        int timeout() default 5;

        @AttributeDefinition(name = "Worker threads", min = "1", max = "64",
                description = "Threads that read collectors; a hung collector holds at most one.")
        int workers() default 4;

        @AttributeDefinition(name = "Cluster timeout", min = "1", max = "60",
                description = "Seconds to wait for the other nodes in get SOURCE ALL.")
        int clusterTimeout() default 3;
    }

    Clock clock = Clock.systemUTC();

    // guarded by this
    private final Map<Long, CollectorSlot> byId = new HashMap<>();
    private final Map<String, List<CollectorSlot>> byName = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile ThreadPoolExecutor workers;
    private int timeoutSeconds = 5;
    private int workerCount = 4;

    private volatile Duration timeout = Duration.ofSeconds(5);
    /** The collector that answers for each name: the winner of a clash. */
    private volatile Map<String, CollectorSlot> active = Map.of();

    @Activate
    void activate(Map<String, Object> props) {
        configure(props);
        start(Duration.ofSeconds(timeoutSeconds), workerCount);
    }

    @Modified
    synchronized void modified(Map<String, Object> props) {
        configure(props);
        timeout = Duration.ofSeconds(timeoutSeconds);
        if (workers != null) {
            if (workerCount > workers.getMaximumPoolSize()) {
                workers.setMaximumPoolSize(workerCount);
                workers.setCorePoolSize(workerCount);
            } else {
                workers.setCorePoolSize(workerCount);
                workers.setMaximumPoolSize(workerCount);
            }
        }
    }

    private synchronized void configure(Map<String, Object> props) {
        ConfigValues c = new ConfigValues(PID, props);
        timeoutSeconds = c.integer("timeout", 5, 1, 300, timeoutSeconds);
        workerCount = c.integer("workers", 4, 1, 64, workerCount);
    }

    /** Starts sampling every collector bound so far (tests call it with a short timeout). */
    synchronized void start(Duration readTimeout, int threads) {
        timeout = readTimeout;
        scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("gomd-sampler"));
        workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                NamedThreads.factory("gomd-collector"));
        workers.allowCoreThreadTimeOut(true);
        active.values().forEach(this::schedule);
    }

    @Deactivate
    synchronized void deactivate() {
        byId.values().forEach(CollectorSlot::close);
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdownNow();
            scheduler = null;
            workers = null;
        }
    }

    @Reference(service = Collector.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addCollector(Collector collector, Map<String, Object> props) {
        Registration reg;
        try {
            reg = Registration.parse(props);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring collector {}: {}", props.getOrDefault("component.name", props.get("service.id")),
                    e.getMessage());
            return;
        }
        CollectorSlot slot = new CollectorSlot(reg, collector, clock);
        byId.put(reg.serviceId(), slot);
        List<CollectorSlot> rivals = byName.computeIfAbsent(reg.name(), n -> new ArrayList<>());
        CollectorSlot winner = rivals.isEmpty() ? null : rivals.get(0);
        rivals.add(slot);
        rivals.sort(CollectorSlot.BY_PRECEDENCE);
        if (winner != null) {
            CollectorSlot loser = rivals.get(0) == slot ? winner : slot;
            LOG.warn("two collectors named {}: {} (ranking {}) answers, {} (ranking {}) is hidden", reg.name(),
                    rivals.get(0).registration.origin(), rivals.get(0).registration.ranking(),
                    loser.registration.origin(), loser.registration.ranking());
        }
        if (rivals.get(0) == slot) {
            if (winner != null) {
                winner.pause();
            }
            makeActive(slot);
        }
        LOG.debug("collector {} added ({}, every {} s)", reg.name(), reg.origin(), reg.info().interval());
    }

    synchronized void removeCollector(Collector collector, Map<String, Object> props) {
        Object id = props.get("service.id");
        CollectorSlot slot = byId.remove(id instanceof Long l ? l : -1L);
        if (slot == null) {
            return;
        }
        slot.close();
        List<CollectorSlot> rivals = byName.get(slot.name());
        boolean wasWinner = rivals.get(0) == slot;
        rivals.remove(slot);
        if (rivals.isEmpty()) {
            byName.remove(slot.name());
            Map<String, CollectorSlot> next = new TreeMap<>(active);
            next.remove(slot.name());
            active = Map.copyOf(next);
        } else if (wasWinner) {
            makeActive(rivals.get(0));
        }
        LOG.debug("collector {} removed", slot.name());
    }

    private void makeActive(CollectorSlot slot) {
        Map<String, CollectorSlot> next = new TreeMap<>(active);
        next.put(slot.name(), slot);
        active = Map.copyOf(next);
        if (scheduler != null) {
            schedule(slot);
        }
    }

    private void schedule(CollectorSlot slot) {
        ScheduledExecutorService s = scheduler;
        ThreadPoolExecutor w = workers;
        slot.schedule(s.scheduleAtFixedRate(() -> tick(slot, s, w), 0, slot.registration.info().interval(),
                TimeUnit.SECONDS));
    }

    private void tick(CollectorSlot slot, ScheduledExecutorService s, ThreadPoolExecutor w) {
        try {
            CollectorSlot.Read read = slot.begin();
            if (read == null) {
                slot.stillRunning();
                return;
            }
            Duration limit = timeout;
            try {
                w.execute(() -> slot.run(read));
            } catch (RejectedExecutionException e) {
                slot.finish(read, null, "sampler stopped", null);
                throw e;
            }
            s.schedule(() -> slot.checkTimeout(read, limit), limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the sampler is stopping
        } catch (RuntimeException e) {
            // a failed tick must not cancel the periodic task
            LOG.warn("sampler tick of {} failed", slot.name(), e);
        }
    }

    @Override
    public List<String> names() {
        return List.copyOf(new TreeMap<>(active).keySet());
    }

    @Override
    public Optional<Sample> latest(String collector) {
        CollectorSlot slot = active.get(collector);
        return slot == null ? Optional.empty() : slot.latest();
    }

    @Override
    public List<SourceInfo> sources() {
        return new TreeMap<>(active).values().stream().map(s -> s.registration.info()).toList();
    }

    @Override
    public Optional<SourceInfo> source(String name) {
        return Optional.ofNullable(active.get(name)).map(s -> s.registration.info());
    }
}
