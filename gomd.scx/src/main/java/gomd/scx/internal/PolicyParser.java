package gomd.scx.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;

/**
 * Reads the seed's {@code scx.conf} format: one {@code COMMAND:FLAG} rule per line, {@code #}
 * comment lines and blank lines ignored.
 * <ul>
 * <li>{@code COMMAND} is split into words by the console's quoting rule; the flag is what
 *     follows the last {@code :} (so a command may itself contain colons). A trailing word
 *     {@code *} matches any further arguments (zero or more).</li>
 * <li>{@code SCX_ALL_CMDS_ALLOWED:FLAG} allows every command no other rule matches, with that
 *     flag; {@code SCX_ALL_CMDS_BLOCKED} (a flag after it has no effect) blocks them, which is
 *     also the default. At most one such line.</li>
 * </ul>
 * Nothing half-parsed is ever returned: any problem fails the whole file.
 */
final class PolicyParser {

    static final int MAX_LINE_LENGTH = 4096;

    static Policy parse(String text, String source, Instant loaded) throws PolicyException {
        List<String> problems = new ArrayList<>();
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        PolicyRule catchAll = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                PolicyRule rule = rule(lineNo, line);
                if (rule.isCatchAll()) {
                    if (catchAll != null) {
                        throw new IllegalArgumentException("second " + Policy.ALL_ALLOWED + "/" + Policy.ALL_BLOCKED
                                + " line (the first is line " + catchAll.line() + ")");
                    }
                    catchAll = rule;
                    continue;
                }
                String key = rule.words() + (rule.wildcard() ? " *" : "");
                Integer earlier = seen.putIfAbsent(key, lineNo);
                if (earlier != null) {
                    throw new IllegalArgumentException("same command as line " + earlier);
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                problems.add(source + ":" + lineNo + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policy(rules, catchAll == null ? Policy.DEFAULT_CATCH_ALL : catchAll, source, loaded);
    }

    private static PolicyRule rule(int lineNo, String line) {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (line.equals(Policy.ALL_BLOCKED)) {
            return new PolicyRule(lineNo, line, List.of(), true, PolicyFlag.SCX_CMD_BLOCKED);
        }
        int colon = line.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected COMMAND:FLAG");
        }
        String command = line.substring(0, colon).strip();
        String flagText = line.substring(colon + 1).strip();
        Optional<PolicyFlag> flag = PolicyFlag.parse(flagText);
        if (flag.isEmpty()) {
            throw new IllegalArgumentException("unknown flag '" + flagText + "' (expected "
                    + PolicyFlag.SCX_NO_ACL_CHECK_REQUIRED + ", " + PolicyFlag.SCX_ACL_CHECK_REQUIRED + " or "
                    + PolicyFlag.SCX_CMD_BLOCKED + ")");
        }
        if (command.equals(Policy.ALL_BLOCKED)) {
            return new PolicyRule(lineNo, line, List.of(), true, PolicyFlag.SCX_CMD_BLOCKED);
        }
        if (command.equals(Policy.ALL_ALLOWED)) {
            if (flag.get() == PolicyFlag.SCX_CMD_BLOCKED) {
                throw new IllegalArgumentException(Policy.ALL_ALLOWED + " cannot be " + PolicyFlag.SCX_CMD_BLOCKED
                        + " (write " + Policy.ALL_BLOCKED + ")");
            }
            return new PolicyRule(lineNo, line, List.of(), true, flag.get());
        }
        List<String> words;
        try {
            words = new ArrayList<>(CommandLine.split(command));
            if (words.isEmpty()) {
                throw new IllegalArgumentException("no command before ':'");
            }
            boolean wildcard = words.get(words.size() - 1).equals("*");
            if (wildcard) {
                words.remove(words.size() - 1);
                if (words.isEmpty()) {
                    throw new IllegalArgumentException("a lone * is not a command (write " + Policy.ALL_ALLOWED + ")");
                }
            }
            ProgramResolver.checkName(words.get(0));
            return new PolicyRule(lineNo, line, words, wildcard, flag.get());
        } catch (CommandException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private PolicyParser() {
    }
}
