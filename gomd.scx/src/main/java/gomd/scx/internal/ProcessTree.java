package gomd.scx.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Kills a program and everything it started. {@link ProcessRunner} starts each program as the
 * leader of a new session (through {@code setsid}), so every process it forks, even one
 * orphaned by a double fork, stays in that session unless it calls {@code setsid()} itself;
 * the sweep kills the session's members found in {@code /proc} and the program's descendants,
 * and repeats until none is left (a killed process cannot fork again, so this ends).
 */
final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final int MAX_ROUNDS = 200;

    /**
     * Kills {@code root} (if still running) and every live process of the session it leads
     * (session id = its pid) and below it. Returns how many processes were signalled.
     */
    static int kill(ProcessHandle root) {
        long session = root.pid();
        long self = ProcessHandle.current().pid();
        Set<Long> signalled = new HashSet<>();
        boolean interrupted = false;
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Set<ProcessHandle> targets = new HashSet<>();
                if (root.isAlive()) {
                    // the root first: killed after its children it could still exit by itself, with status 0
                    root.descendants().forEach(targets::add);
                    if (root.destroyForcibly()) {
                        signalled.add(root.pid());
                    }
                }
                sessionMembers(session).forEach(targets::add);
                targets.removeIf(p -> p.pid() == self || !isRunning(p.pid()));
                if (targets.isEmpty()) {
                    break;
                }
                for (ProcessHandle p : targets) {
                    // ProcessHandle checks the start time, so a pid reused meanwhile is not hit
                    if (p.destroyForcibly()) {
                        signalled.add(p.pid());
                    }
                }
                try {
                    Thread.sleep(5); // SIGKILL is delivered asynchronously
                } catch (InterruptedException e) {
                    interrupted = true; // finish the job first
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return signalled.size();
    }

    /** Live (not zombie) processes whose session id is {@code session}, the leader excluded. */
    static Stream<ProcessHandle> sessionMembers(long session) {
        Set<ProcessHandle> members = new HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid != session) {
                    stat(pid).filter(s -> s.session() == session && s.state() != 'Z')
                            .flatMap(s -> ProcessHandle.of(pid)).ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            // no /proc: only the descendants walk is left
        }
        return members.stream();
    }

    /** Whether {@code pid} is a process that has not exited (zombies have exited). */
    static boolean isRunning(long pid) {
        return stat(pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
    }

    /** Fields of {@code /proc/PID/stat}: state and session id. */
    record Stat(char state, long session) {
    }

    static Optional<Stat> stat(long pid) {
        try {
            String s = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            // "pid (comm) state ppid pgrp session ...": comm may hold blanks and parentheses
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private ProcessTree() {
    }
}
