package gomd.acl.internal;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

import gomd.core.api.Permission;

/**
 * The rules in force, immutable, and how a permission is decided.
 *
 * <p>Evaluation, for one caller address and one permission: the rules that mention the permission
 * (allow or deny, directly or through {@code ACL_FULL_CONTROL} / {@code ACL_NONE}) and hold the
 * caller are candidates; the one whose matching prefix is longest decides; on equal length a deny
 * beats an allow; with no candidate the permission is denied. File order never matters.
 *
 * @param rules  in file order
 * @param source the file they came from, or the built-in default's name
 * @param loaded when they were put in force
 */
record Rulebook(List<Rule> rules, String source, Instant loaded) {

    /** The rules that apply while no rulebook file is in force: core's loopback-only default. */
    static final String BUILT_IN_TEXT = "LOCALHOST:ACL_FULL_CONTROL";
    static final String BUILT_IN_SOURCE = "built-in default";

    Rulebook {
        rules = List.copyOf(rules);
    }

    static Rulebook builtIn(Instant now) {
        try {
            return RulebookParser.parse(BUILT_IN_TEXT, BUILT_IN_SOURCE, now);
        } catch (RulebookException e) {
            throw new IllegalStateException("the built-in rulebook does not parse", e);
        }
    }

    /**
     * Decides whether {@code caller} has {@code permission}.
     *
     * @param caller       the caller's address, normalized with {@link Addresses#normalize}
     * @param localSubnets what {@code LOCAL_SUBNET} stands for now
     */
    Verdict decide(InetAddress caller, Permission permission, List<Cidr> localSubnets) {
        Rule best = null;
        Cidr bestMatch = null;
        boolean bestDenies = false;
        for (Rule rule : rules) {
            if (!rule.mentions(permission)) {
                continue;
            }
            Cidr m = rule.who().longestMatch(caller, localSubnets).orElse(null);
            if (m == null) {
                continue;
            }
            boolean denies = rule.deny().contains(permission);
            if (best == null || m.prefix() > bestMatch.prefix()
                    || m.prefix() == bestMatch.prefix() && denies && !bestDenies) {
                best = rule;
                bestMatch = m;
                bestDenies = denies;
            }
        }
        return new Verdict(caller, permission, best != null && !bestDenies, source, best, bestMatch);
    }
}
