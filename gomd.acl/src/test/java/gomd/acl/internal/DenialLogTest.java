package gomd.acl.internal;

import static gomd.acl.internal.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Denials are logged without flooding: the first per address in full, then a count. */
class DenialLogTest {

    @Test
    void logsTheFirstDenialPerAddressAndCountsTheRest() {
        DenialLog log = new DenialLog();
        assertThat(log.denied(ip("192.0.2.1"), "connection", "r")).isTrue();
        for (int i = 0; i < 500; i++) {
            assertThat(log.denied(ip("192.0.2.1"), "connection", "r")).isFalse();
        }
        assertThat(log.denied(ip("192.0.2.2"), "command 'get' (STATS_READ)", "r")).isTrue();
        assertThat(log.denied(ip("2001:db8::1"), "connection", "r")).isTrue();
        assertThat(log.denied(ip("2001:db8::1"), "connection", "r")).isFalse();

        assertThat(log.flush()).containsExactly(
                "500 more denials to 192.0.2.1 since the last summary",
                "1 more denials to 2001:db8::1 since the last summary");

        // A new window: the next denial is logged in full again, and a quiet window says nothing.
        assertThat(log.denied(ip("192.0.2.1"), "connection", "r")).isTrue();
        assertThat(log.flush()).isEmpty();
        assertThat(log.flush()).isEmpty();
    }

    @Test
    void tracksABoundedNumberOfAddresses() {
        DenialLog log = new DenialLog();
        int logged = 0;
        for (int i = 0; i < DenialLog.MAX_ADDRESSES + 300; i++) {
            if (log.denied(ip("10.0." + (i / 256) + "." + (i % 256)), "connection", "r")) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(DenialLog.MAX_ADDRESSES);
        assertThat(log.flush()).containsExactly("300 denials to further addresses (over 1024 denied addresses)");
    }
}
