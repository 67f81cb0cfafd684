package gomd.core.api;

import java.net.InetAddress;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides who may connect and what they may run. Provided by gomd.acl; while no policy service
 * is registered core serves loopback callers only (default deny, never "allow all").
 */
@ConsumerType
public interface AccessPolicy {

    /** Whether a caller from this address may open a console connection at all. */
    AccessDecision admit(InetAddress caller);

    /** Whether the caller may run {@code command}, which needs {@code permission}. */
    AccessDecision decide(InetAddress caller, Permission permission, String command);
}
