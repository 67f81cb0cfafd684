package gomd.scx.internal;

import java.nio.file.Path;

/**
 * A program as {@link ProgramResolver} found it.
 *
 * @param name the first word of the command as the caller wrote it
 * @param path where it is: the real directory it was found in plus its own file name, so
 *             {@code /bin/ls} and {@code /usr/bin/ls} on a merged-/usr system are the same
 *             program, while a multi-call binary reached through different symlinks
 *             ({@code busybox ls} vs {@code busybox rm}) stays distinct
 */
record Program(String name, Path path) {
}
