package gomd.scx.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one program, never through a shell: {@code execve} of the resolved path with the given
 * arguments, working directory {@code /}, the environment only {@code PATH} (the fixed one),
 * {@code LANG=C} and {@code HOME=/}, standard input at end of file, standard error merged into
 * standard output. The program leads a new session (started through util-linux
 * {@code setsid}), so that at its timeout, when the caller goes away, and also when it exits,
 * {@link ProcessTree} kills whatever it left running: a run never leaves processes behind.
 *
 * <p>Between {@code setsid} and the program sits coreutils {@code timeout -s KILL}, set a little
 * later than the run's own timeout: should the daemon die (kill -9, crash), the program's
 * process group is still killed in time, with nobody left to watch it.
 */
final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final List<Path> TIMEOUT = List.of(Path.of("/usr/bin/timeout"), Path.of("/bin/timeout"));
    /** How much later than the run's timeout the backstop kills, if the daemon has not. */
    static final Duration BACKSTOP_DELAY = Duration.ofSeconds(2);
    private static final long WATCH_PERIOD_MS = 50;

    private final ScheduledExecutorService scheduler;
    private final Optional<Path> setsid;
    private final Optional<Path> backstop;
    /** Programs running now, killed when the runner closes. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    /** @param scheduler runs the timeout watch and the clean-up after exit */
    ProcessRunner(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        this.backstop = TIMEOUT.stream().filter(Files::isExecutable).findFirst();
        if (backstop.isEmpty()) {
            LOG.warn("SCX: coreutils timeout not found: programs outlive their timeout if the daemon dies");
        }
    }

    /** Kills every program still running (the daemon stops: nothing would watch their timeouts). */
    void close() {
        live.forEach(p -> ProcessTree.kill(p.toHandle()));
    }

    /**
     * Runs {@code program} with {@code args}, passing each output line to {@code sink} as it
     * comes (split into pieces of at most {@code maxLineLength} bytes), until it exits,
     * {@code timeout} passes or {@code cancelled} says so.
     *
     * @throws CommandException {@link ErrorCode#UNAVAILABLE} when {@code setsid} is missing,
     *                          {@link ErrorCode#FAILED} when the program cannot be started
     */
    RunResult run(Program program, List<String> args, Duration timeout, int maxLineLength, LineSink sink,
                  BooleanSupplier cancelled) throws CommandException {
        if (setsid.isEmpty()) {
            throw new CommandException(ErrorCode.UNAVAILABLE,
                    "setsid (util-linux) not found: programs cannot be run with a safe timeout");
        }
        List<String> command = new ArrayList<>();
        command.add(setsid.get().toString());
        command.add("--wait");
        backstop.ifPresent(t -> {
            command.add(t.toString());
            command.add("-s");
            command.add("KILL");
            command.add(String.format(Locale.ROOT, "%.3f", timeout.plus(BACKSTOP_DELAY).toMillis() / 1000.0));
        });
        command.add(program.path().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", ProgramResolver.PATH_VARIABLE);
        env.put("LANG", "C");
        env.put("HOME", "/");

        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FAILED, "cannot start " + program.name() + ": " + e.getMessage());
        }
        live.add(process);
        AtomicReference<RunResult.Ending> stop = new AtomicReference<>();
        long deadline = start + timeout.toNanos();
        ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(() -> {
            RunResult.Ending why = System.nanoTime() - deadline >= 0 ? RunResult.Ending.TIMEOUT
                    : cancelled.getAsBoolean() ? RunResult.Ending.CANCELLED : null;
            if (why != null && process.isAlive() && stop.compareAndSet(null, why)) {
                int killed = ProcessTree.kill(process.toHandle());
                LOG.info("SCX: {} {} (pid {}): killed {} processes", program.path(),
                        why == RunResult.Ending.TIMEOUT ? "timed out after " + timeout.toSeconds() + " s" : "cancelled",
                        process.pid(), killed);
            }
        }, WATCH_PERIOD_MS, WATCH_PERIOD_MS, TimeUnit.MILLISECONDS);
        // Whatever the program left behind would keep the output pipe open: clean up at exit.
        CompletableFuture<Void> cleanup = process.onExit()
                .thenAcceptAsync(p -> ProcessTree.kill(p.toHandle()), scheduler);
        long bytes = 0;
        boolean interrupted = false;
        try {
            bytes = pump(process.getInputStream(), maxLineLength, sink);
            process.waitFor();
            cleanup.join();
        } catch (IOException e) {
            LOG.warn("SCX: reading the output of {} (pid {}) failed: {}", program.path(), process.pid(), e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            watch.cancel(false);
            live.remove(process);
            if (process.isAlive()) { // interrupted, or the output could not be read
                stop.compareAndSet(null, RunResult.Ending.CANCELLED);
                ProcessTree.kill(process.toHandle());
            }
        }
        int exit = exitValue(process);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RunResult.Ending ending = stop.get() == null ? RunResult.Ending.EXITED : stop.get();
        return new RunResult(ending, exit, bytes, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The exit status, waiting a moment for a process just killed; -1 if it is still there. */
    private static int exitValue(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return process.isAlive() ? -1 : process.exitValue();
        }
    }

    /** Copies lines to the sink until end of output; returns the number of bytes read. */
    private static long pump(InputStream in, int maxLineLength, LineSink sink) throws IOException {
        try (in) {
            byte[] buf = new byte[8192];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        emit(line, sink);
                    } else {
                        // split before the byte that would go over, but keep a CR for the LF that may follow
                        if (line.size() >= maxLineLength && b != '\r') {
                            emit(line, sink);
                        }
                        line.write(b);
                    }
                }
            }
            if (line.size() > 0) {
                emit(line, sink);
            }
            return total;
        }
    }

    private static void emit(ByteArrayOutputStream line, LineSink sink) {
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        sink.line(new String(b, 0, len, StandardCharsets.UTF_8));
        line.reset();
    }
}
