package gomd.itests.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built gomd distribution and the checkout are. The gomd.itests build sets the system
 * properties {@code gomd.dist} (the unpacked distribution) and {@code gomd.repo} (the checkout);
 * without them (a test run from an IDE) they are looked for next to the working directory.
 */
public final class Distribution {

    private Distribution() {
    }

    /** The unpacked distribution: {@code bin/gomd}, {@code system/}, ... */
    public static Path home() {
        String configured = System.getProperty("gomd.dist");
        Path dist = configured != null
                ? Path.of(configured)
                : repo().resolve("gomd.distribution/target/assembly");
        Path launcher = dist.resolve("bin/gomd");
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("no gomd distribution at " + dist
                    + ": build it (mvn install -pl gomd.distribution -am) or set -Dgomd.dist");
        }
        // unpacking an archive may lose the executable bits
        File[] bin = dist.resolve("bin").toFile().listFiles();
        if (bin != null) {
            for (File f : bin) {
                if (!f.getName().endsWith(".bat")) {
                    f.setExecutable(true);
                }
            }
        }
        return dist.toAbsolutePath().normalize();
    }

    /** The checkout (where {@code ./gomd} and the root pom.xml are). */
    public static Path repo() {
        String configured = System.getProperty("gomd.repo");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("gomd"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the gomd checkout above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
