package gomd.acl.internal;

import java.net.InetAddress;

import gomd.core.api.Permission;

/**
 * The outcome of evaluating one permission for one caller, with the rule that decided.
 *
 * @param caller     the normalized caller address
 * @param permission the permission asked for
 * @param allowed    the outcome
 * @param source     where the rulebook in force came from (file path or built-in)
 * @param rule       the deciding rule, or null when no rule mentions the permission for this caller
 * @param match      the prefix of the deciding rule that holds the caller (null with {@code rule})
 */
record Verdict(InetAddress caller, Permission permission, boolean allowed, String source, Rule rule, Cidr match) {

    /** For logs and {@code acl check}; never sent to a denied caller. */
    String reason() {
        String who = Addresses.format(caller);
        if (rule == null) {
            return "no rule in " + source + " allows " + permission + " to " + who + " (default deny)";
        }
        return source + ":" + rule.line() + " '" + rule.text() + "' " + (allowed ? "allows " : "denies ")
                + permission + " to " + who + " (longest matching prefix " + match + ")";
    }
}
