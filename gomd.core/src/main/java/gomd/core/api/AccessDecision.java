package gomd.core.api;

/**
 * The answer of an {@link AccessPolicy}.
 *
 * @param allowed whether the caller may go on
 * @param reason  which rule decided and why, for logs and {@code acl check} (never sent to a denied caller)
 */
public record AccessDecision(boolean allowed, String reason) {
    public static AccessDecision allow(String reason) {
        return new AccessDecision(true, reason);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason);
    }
}
