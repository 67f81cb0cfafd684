package gomd.scx.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * Finds programs the way a shell would, but on a fixed PATH that no caller or environment can
 * change: a bare name is looked up in {@link #PATH}, an absolute path is taken as it is, and
 * anything else (a relative path such as {@code bin/ls}, a {@code .} or {@code ..} segment) is
 * refused.
 */
final class ProgramResolver {

    /** The only directories bare program names are looked up in, in this order. */
    static final List<Path> PATH = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    /** {@link #PATH} as the value of the {@code PATH} variable the programs get. */
    static final String PATH_VARIABLE = String.join(":", PATH.stream().map(Path::toString).toList());

    /**
     * Checks that {@code name} is a program name this daemon accepts at all.
     *
     * @throws CommandException {@link ErrorCode#BAD_REQUEST} for a relative path, a {@code .} or
     *                          {@code ..} segment, an empty name or a doubled slash
     */
    static void checkName(String name) throws CommandException {
        if (name.isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "empty program name");
        }
        if (name.indexOf('/') < 0) {
            if (name.equals(".") || name.equals("..")) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "not a program name: " + name);
            }
            return;
        }
        if (!name.startsWith("/")) {
            throw new CommandException(ErrorCode.BAD_REQUEST,
                    "relative program path refused (give a bare name or an absolute path): " + name);
        }
        for (String segment : name.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "program path must be plain and absolute: " + name);
            }
        }
    }

    /**
     * Finds {@code name} ({@link #checkName checked} first): an executable regular file, or
     * empty when there is none.
     */
    static Optional<Program> resolve(String name) throws CommandException {
        checkName(name);
        if (name.startsWith("/")) {
            return program(name, Path.of(name));
        }
        for (Path dir : PATH) {
            Optional<Program> p = program(name, dir.resolve(name));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Program> program(String name, Path candidate) {
        if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
            return Optional.empty();
        }
        try {
            Path dir = candidate.getParent().toRealPath();
            return Optional.of(new Program(name, dir.resolve(candidate.getFileName())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private ProgramResolver() {
    }
}
