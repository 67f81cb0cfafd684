package gomd.scx.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import gomd.core.api.CommandException;

/**
 * The SCX rules in force, immutable.
 *
 * <p>Evaluation of one command (program and arguments): a rule matches when its program is the
 * same program (see {@link Program#path()}) and its arguments are equal to the command's, or,
 * for a rule ending in {@code *}, a prefix of them. Of the matching rules an exact one wins,
 * then the one with the longest prefix, then the catch-all ({@code SCX_ALL_CMDS_ALLOWED} /
 * {@code SCX_ALL_CMDS_BLOCKED}, blocked when the file says neither). Between equally specific
 * rules the more restrictive flag wins. File order never matters.
 *
 * @param rules    the command rules in file order
 * @param catchAll the macro, or the built-in default {@code SCX_ALL_CMDS_BLOCKED}
 * @param source   where the rules came from (file path or built-in)
 * @param loaded   when they were put in force
 */
record Policy(List<PolicyRule> rules, PolicyRule catchAll, String source, Instant loaded) {

    static final String ALL_ALLOWED = "SCX_ALL_CMDS_ALLOWED";
    static final String ALL_BLOCKED = "SCX_ALL_CMDS_BLOCKED";
    static final PolicyRule DEFAULT_CATCH_ALL =
            new PolicyRule(0, ALL_BLOCKED, List.of(), true, PolicyFlag.SCX_CMD_BLOCKED);

    Policy {
        rules = List.copyOf(rules);
        Objects.requireNonNull(catchAll, "catchAll");
    }

    /** Nothing allowed: what is in force while there is no {@code scx.conf}. */
    static Policy blocked(String source, Instant loaded) {
        return new Policy(List.of(), DEFAULT_CATCH_ALL, source, loaded);
    }

    /**
     * Decides about {@code argv}, whose program resolved to {@code program} (empty when it is
     * not on this node: then only the catch-all can match, so a blocked command never tells
     * whether its program exists).
     */
    PolicyDecision decide(List<String> argv, Optional<Program> program) {
        PolicyRule best = catchAll;
        for (PolicyRule rule : rules) {
            if (matches(rule, argv, program)
                    && (rule.specificity() > best.specificity()
                    || rule.specificity() == best.specificity() && rule.flag().compareTo(best.flag()) > 0)) {
                best = rule;
            }
        }
        return new PolicyDecision(best);
    }

    /** The rules, the catch-all last, as {@code scx policy} lists them. */
    List<PolicyRule> all() {
        List<PolicyRule> all = new ArrayList<>(rules);
        all.add(catchAll);
        return all;
    }

    private static boolean matches(PolicyRule rule, List<String> argv, Optional<Program> program) {
        List<String> words = rule.words();
        if (program.isEmpty() || argv.size() < words.size() || !rule.wildcard() && argv.size() != words.size()
                || !argv.subList(1, words.size()).equals(words.subList(1, words.size()))) {
            return false;
        }
        try {
            return ProgramResolver.resolve(words.get(0)).map(p -> p.path().equals(program.get().path())).orElse(false);
        } catch (CommandException e) {
            return false; // the parser has already refused such a rule
        }
    }
}
