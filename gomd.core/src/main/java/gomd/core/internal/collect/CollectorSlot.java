package gomd.core.internal.collect;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.Collector;
import gomd.core.api.Metric;
import gomd.core.api.Record;
import gomd.core.api.Sample;

/**
 * One registered collector: its latest sample and the read in flight. At most one read runs
 * at a time, so a hung collector holds at most one worker thread; while it hangs the sample
 * keeps the last good metrics and says why they are old.
 */
final class CollectorSlot {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorSlot.class);
    /** A plugin that returns more than this is broken, not busy. */
    static final int MAX_METRICS = 10_000;
    /** A failure that repeats with the same message is logged again after this long. */
    private static final long RELOG_NANOS = Duration.ofMinutes(10).toNanos();

    static final Comparator<CollectorSlot> BY_PRECEDENCE =
            Comparator.comparing(s -> s.registration, Registration.PRECEDENCE);

    final Registration registration;
    private final Collector collector;
    private final Clock clock;

    private volatile Sample latest;
    // guarded by this
    private List<Metric> lastGood = List.of();
    private Read current;
    private boolean closed;
    private ScheduledFuture<?> ticker;
    private int failuresInARow;
    /** The last failure logged and when: the same failure again is logged at most every RELOG_NANOS. */
    private String lastLoggedError;
    private long lastLoggedNanos;
    /** Whether a failure of the current run of failures was logged (then its end is logged too). */
    private boolean runLogged;

    /** One call of {@link Collector#collect()}, from submission to its end. */
    static final class Read {
        final long submittedNanos;
        Thread runner;      // guarded by the slot
        boolean timedOut;   // guarded by the slot

        Read(long submittedNanos) {
            this.submittedNanos = submittedNanos;
        }
    }

    CollectorSlot(Registration registration, Collector collector, Clock clock) {
        this.registration = registration;
        this.collector = collector;
        this.clock = clock;
    }

    String name() {
        return registration.name();
    }

    Optional<Sample> latest() {
        return Optional.ofNullable(latest);
    }

    synchronized void schedule(ScheduledFuture<?> future) {
        ticker = future;
    }

    /** Stops ticking; the sample stays (a hidden collector may come back). */
    synchronized void pause() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** Stops for good: a read still running is left to end and its result dropped. */
    synchronized void close() {
        pause();
        closed = true;
        if (current != null && current.runner != null) {
            current.runner.interrupt();
        }
    }

    /** Starts a read, or returns null when the previous one has not ended (never two at once). */
    synchronized Read begin() {
        if (closed || current != null) {
            return null;
        }
        current = new Read(System.nanoTime());
        return current;
    }

    /** Runs a read on the calling worker thread and publishes its outcome. */
    void run(Read read) {
        synchronized (this) {
            if (current != read) {
                return;
            }
            read.runner = Thread.currentThread();
        }
        List<Metric> metrics = null;
        String error = null;
        Throwable cause = null;
        try {
            metrics = check(collector.collect());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) { // a plugin's LinkageError must not kill the worker either
            error = describe(t);
            cause = t;
        } finally {
            finish(read, metrics, error, cause);
        }
    }

    /** Publishes the end of a read (metrics, or an error that keeps the last good metrics). */
    synchronized void finish(Read read, List<Metric> metrics, String error, Throwable cause) {
        if (current != read) {
            return;
        }
        current = null;
        read.runner = null;
        if (closed || error != null && read.timedOut) {
            return; // the timeout was reported; the interrupt it caused is no news
        }
        if (error == null && metrics != null) {
            lastGood = metrics;
            latest = new Sample(name(), clock.instant(), metrics, Optional.empty());
            // A collector that is slow now and then would otherwise log two lines at every slow read.
            if (failuresInARow > 0 && runLogged) {
                LOG.info("collector {} answers again after {} failed reads", name(), failuresInARow);
            }
            failuresInARow = 0;
            runLogged = false;
        } else {
            failed(error == null ? "no metrics" : error, cause);
        }
    }

    /** Called {@code timeout} after a read was submitted: reports it if it has not ended. */
    synchronized void checkTimeout(Read read, Duration timeout) {
        if (closed || current != read || read.timedOut) {
            return;
        }
        read.timedOut = true;
        failed("timed out after " + human(timeout) + (read.runner == null ? " (waiting for a free worker)" : ""), null);
        if (read.runner != null) {
            read.runner.interrupt();
        }
    }

    /** Called on a tick that found the previous read still running. */
    synchronized void stillRunning() {
        if (current != null && current.timedOut && !closed) {
            long seconds = Duration.ofNanos(System.nanoTime() - current.submittedNanos).toSeconds();
            publishError("timed out: no answer for " + seconds + " s");
        }
    }

    private void failed(String error, Throwable cause) {
        failuresInARow++;
        publishError(error);
        long now = System.nanoTime();
        if (!error.equals(lastLoggedError) || now - lastLoggedNanos >= RELOG_NANOS) {
            lastLoggedError = error;
            lastLoggedNanos = now;
            runLogged = true;
            LOG.warn("collector {} ({}) failed: {} ({} in a row; get shows its last good values)", name(),
                    registration.origin(), error, failuresInARow);
            if (cause != null) {
                LOG.debug("collector {} failed", name(), cause);
            }
        }
    }

    private void publishError(String error) {
        latest = new Sample(name(), clock.instant(), lastGood, Optional.of(error));
    }

    /** Rejects what {@code get} could not show: null, too many metrics, labels that are no record key. */
    static List<Metric> check(List<Metric> metrics) {
        if (metrics == null) {
            throw new IllegalStateException("collect() returned null");
        }
        if (metrics.size() > MAX_METRICS) {
            throw new IllegalStateException("collect() returned " + metrics.size() + " metrics, more than " + MAX_METRICS);
        }
        for (Metric m : metrics) {
            if (m == null) {
                throw new IllegalStateException("collect() returned a null metric");
            }
            for (String label : m.labels().keySet()) {
                if (!Record.KEY.matcher(label.toUpperCase(Locale.ROOT)).matches()) {
                    throw new IllegalStateException("metric " + m.name() + " has a bad label name: " + label);
                }
            }
        }
        return List.copyOf(metrics);
    }

    /** One line for users: the exception's class and first message line, bounded. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        String text = t.getClass().getSimpleName();
        if (message != null && !message.isBlank()) {
            text += ": " + message.strip().lines().findFirst().orElse("");
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
