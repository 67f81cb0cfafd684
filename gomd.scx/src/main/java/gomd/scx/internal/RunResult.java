package gomd.scx.internal;

import java.time.Duration;

/**
 * How a program run ended.
 *
 * @param ending   why it ended
 * @param exitCode its exit status ({@code 128 + signal} when killed)
 * @param bytes    how many output bytes it wrote (before any cut)
 * @param elapsed  from start to the end of its output
 */
record RunResult(Ending ending, int exitCode, long bytes, Duration elapsed) {

    enum Ending {
        /** It exited by itself. */
        EXITED,
        /** It was killed, with everything it started, at its timeout. */
        TIMEOUT,
        /** It was killed because the caller went away. */
        CANCELLED
    }
}
