package gomd.scx.internal;

import java.net.InetAddress;

/**
 * Who asked for a run: the address the ACL judges and a name for the log.
 *
 * @param address   the caller's address (for a relayed request: see {@link ScxEngine#admit})
 * @param principal the caller's name, e.g. {@code 127.0.0.1:40312} or a Karaf user
 */
record Caller(InetAddress address, String principal) {
}
