package gomd.acl.internal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import gomd.core.api.Permission;

/**
 * One rulebook line: who it is about and which permissions it allows or denies to them.
 *
 * @param line  its line number in the rulebook (1-based)
 * @param text  the rule as written, without comment and surrounding blanks
 * @param who   the callers it is about
 * @param allow permissions it allows (iterated in {@link Permission} order)
 * @param deny  permissions it denies, disjoint from {@code allow}
 */
record Rule(int line, String text, Who who, Set<Permission> allow, Set<Permission> deny) {

    Rule {
        allow = ordered(allow);
        deny = ordered(deny);
    }

    /** Whether this rule says anything about {@code p}. */
    boolean mentions(Permission p) {
        return allow.contains(p) || deny.contains(p);
    }

    private static Set<Permission> ordered(Set<Permission> ps) {
        Set<Permission> s = EnumSet.noneOf(Permission.class);
        s.addAll(ps);
        return Collections.unmodifiableSet(s);
    }
}
