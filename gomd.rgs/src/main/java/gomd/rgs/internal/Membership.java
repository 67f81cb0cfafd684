package gomd.rgs.internal;

import java.util.List;

/** What the {@code nodes} and {@code whois} commands read (provided by {@link MembershipService}). */
public interface Membership {

    /** Every node known, this one included, sorted by number. */
    List<NodeTable.Row> rows();
}
