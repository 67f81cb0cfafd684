package gomd.itests.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, as a user at a terminal would (stdin closed), with a time limit. */
record Shell(int exitCode, String output) {

    static Shell run(Path workDir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gomd-itests", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("GOMD_SKIP_BUILD", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(4, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 4 minutes: " + String.join(" ", command));
            }
            return new Shell(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
