package gomd.rgs.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that changes membership state. A task that throws is logged with its stack
 * trace and the thread goes on (an executor would swallow it silently, and a periodic task
 * would never run again). Its context class loader is the bundle's: JGroups loads its classes,
 * protocol headers and resources through it, and the threads JGroups starts inherit it.
 */
final class MembershipThread implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipThread.class);

    private final ScheduledExecutorService executor;

    MembershipThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(MembershipThread.class.getClassLoader());
            return t;
        });
    }

    /** Runs {@code task} on the thread; after {@link #shutdown} (a late JGroups or bundle event) it is dropped. */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException stopped) {
            LOG.debug("membership thread stopped: task dropped");
        }
    }

    void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("membership thread stopped: task dropped");
        }
    }

    void every(Runnable task, Duration period) {
        executor.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the thread and waits for it, at most {@code timeout}. */
    void runAndWait(Runnable task, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            executor.submit(guarded(task)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // guarded tasks do not throw
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("[RGS] unexpected failure on the membership thread", e);
            }
        };
    }
}
