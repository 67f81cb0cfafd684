package gomd.acl.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import gomd.core.api.Permission;

/**
 * Reads the seed's rulebook format: one {@code WHO:PERMISSION[,PERMISSION...]} rule per line,
 * {@code #} starts a comment, blank lines are ignored. A permission is a {@link Permission} name
 * (allow), the same with a leading {@code -} (deny), {@code ACL_FULL_CONTROL} (allow all) or
 * {@code ACL_NONE} (deny all). All or nothing: one bad line rejects the whole text.
 */
final class RulebookParser {

    static final String FULL_CONTROL = "ACL_FULL_CONTROL";
    static final String NONE = "ACL_NONE";
    /** A longer line is rejected rather than half read. */
    static final int MAX_LINE_LENGTH = 1024;
    /** A permission list starts with a name or a '-': tells "::1" (no permissions) from "::1:ADMIN". */
    private static final Pattern PERMISSIONS_START = Pattern.compile("\\s*(?:[A-Za-z_-]|$)");
    /** Problems listed in one report; the rest are counted. */
    private static final int MAX_PROBLEMS = 20;

    private RulebookParser() {
    }

    /**
     * Parses a whole rulebook.
     *
     * @param source the file name used in error messages and verdicts
     * @throws RulebookException listing every bad line as {@code SOURCE:LINE: problem}
     */
    static Rulebook parse(String text, String source, Instant loaded) throws RulebookException {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                Rule r = parseLine(lines[i], i + 1);
                if (r != null) {
                    rules.add(r);
                }
            } catch (IllegalArgumentException e) {
                if (++bad <= MAX_PROBLEMS) {
                    problems.add(source + ":" + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        if (bad > MAX_PROBLEMS) {
            problems.add(source + ": " + (bad - MAX_PROBLEMS) + " more bad lines");
        }
        if (!problems.isEmpty()) {
            throw new RulebookException(problems);
        }
        return new Rulebook(rules, source, loaded);
    }

    /** One line; null for a blank or comment line. */
    private static Rule parseLine(String raw, int lineNo) {
        if (raw.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE_LENGTH + " characters");
        }
        int hash = raw.indexOf('#');
        String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        if (line.isEmpty()) {
            return null;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("control character at column " + (i + 1));
            }
        }
        // Split at the last ':' since an IPv6 address is full of them and a permission has none.
        int colon = line.lastIndexOf(':');
        if (colon <= 0 || !PERMISSIONS_START.matcher(line.substring(colon + 1)).lookingAt()) {
            throw new IllegalArgumentException("expected WHO:PERMISSION[,PERMISSION...], got '" + line + "'");
        }
        Who who = Who.parse(line.substring(0, colon).strip());
        Set<Permission> allow = EnumSet.noneOf(Permission.class);
        Set<Permission> deny = EnumSet.noneOf(Permission.class);
        String[] tokens = line.substring(colon + 1).split(",", -1);
        for (String t : tokens) {
            String token = t.strip();
            if (token.equals(FULL_CONTROL) || token.equals(NONE)) {
                if (tokens.length > 1) {
                    throw new IllegalArgumentException(token + " must be the only permission of its rule");
                }
                (token.equals(FULL_CONTROL) ? allow : deny).addAll(EnumSet.allOf(Permission.class));
                continue;
            }
            boolean denies = token.startsWith("-");
            Permission p = permission(denies ? token.substring(1) : token);
            if ((denies ? allow : deny).contains(p)) {
                throw new IllegalArgumentException(p + " is both allowed and denied");
            }
            (denies ? deny : allow).add(p);
        }
        return new Rule(lineNo, line, who, allow, deny);
    }

    private static Permission permission(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty permission (stray comma?)");
        }
        for (Permission p : Permission.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + name + "' (known: "
                + String.join(", ", Arrays.stream(Permission.values()).map(Enum::name).toList())
                + ", " + FULL_CONTROL + ", " + NONE + ", and -PERMISSION to deny)");
    }
}
