package gomd.core.api;

/**
 * What a caller may do. Each command declares the one it needs; the access policy
 * (gomd.acl, or core's loopback-only default) decides per caller and per command.
 */
public enum Permission {
    /** Read statistics and node information ({@code get}, {@code help}, {@code status}). */
    STATS_READ,
    /** Run allowed programs on this node ({@code exec}). */
    EXEC_LOCAL,
    /** Run allowed programs on the whole cluster ({@code cwc}). */
    EXEC_CLUSTER,
    /** Change configuration, features, checkpoints. */
    ADMIN
}
