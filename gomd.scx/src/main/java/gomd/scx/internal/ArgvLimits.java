package gomd.scx.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * Bounds on what a caller may ask to run. The console's quoting rule already refuses control
 * characters, but requests also come from the Karaf shell and from other daemons, so every
 * entry point checks again here.
 *
 * @param maxWords the most words (program plus arguments)
 * @param maxBytes the most UTF-8 bytes, all words together
 */
record ArgvLimits(int maxWords, int maxBytes) {

    void check(List<String> argv) throws CommandException {
        if (argv.isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "no program given");
        }
        if (argv.size() > maxWords) {
            throw new CommandException(ErrorCode.TOO_LARGE,
                    "too many arguments: " + argv.size() + " words, at most " + maxWords);
        }
        long bytes = 0;
        for (String word : argv) {
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new CommandException(ErrorCode.BAD_REQUEST, "control character in argument");
                }
            }
            bytes += word.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > maxBytes) {
            throw new CommandException(ErrorCode.TOO_LARGE,
                    "command too long: " + bytes + " bytes, at most " + maxBytes);
        }
    }
}
