package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;

class SigningTest {

    private final RequestMac mac = new RequestMac(TestNodes.KEY);

    /** The fields of a request, for the test to change one at a time. */
    private static final class Fields {
        int from = 1;
        int to = 2;
        String origin = "10.0.0.7";
        String principal = "10.0.0.7:4000";
        long timestamp = 1_000_000;
        String nonce = "0123456789abcdef0123456789abcdef";
        long timeout = 5000;
        List<String> argv = List.of("echo", "a b", "'c'");

        SignedRequest request(String mac) {
            return new SignedRequest(from, to, origin, principal, timestamp, nonce, timeout, argv, mac);
        }
    }

    private static SignedRequest unsigned() {
        return new Fields().request("");
    }

    @Test
    void signedRequestRoundTripsThroughTheConsoleQuoting() throws Exception {
        SignedRequest signed = mac.sign(unsigned());
        List<String> words = CommandLine.split(signed.line());
        assertThat(words.get(0)).isEqualTo("scx-run");
        SignedRequest parsed = SignedRequest.parse(words.subList(1, words.size()));
        assertThat(parsed).isEqualTo(signed);
        assertThat(mac.verify(parsed)).isTrue();
    }

    @Test
    void changingAnyFieldBreaksTheMac() {
        String good = mac.sign(unsigned()).mac();
        List<Consumer<Fields>> tamper = List.of(
                f -> f.from = 9,
                f -> f.to = 9,
                f -> f.origin = "127.0.0.1",
                f -> f.principal = "root",
                f -> f.timestamp++,
                f -> f.nonce = "f" + f.nonce.substring(1),
                f -> f.timeout = 999_999,
                f -> f.argv = List.of("rm", "-rf", "/"),
                // moving a word boundary keeps the same characters but must not verify
                f -> f.argv = List.of("echo", "a", "b", "'c'"),
                f -> f.argv = List.of("echo a b", "'c'"));
        for (Consumer<Fields> t : tamper) {
            Fields f = new Fields();
            t.accept(f);
            assertThat(mac.verify(f.request(good))).as("%s", f.request(good)).isFalse();
        }
        assertThat(mac.verify(new Fields().request(good))).isTrue();
    }

    @Test
    void anotherKeyOrAGarbledMacDoesNotVerify() {
        SignedRequest s = mac.sign(unsigned());
        assertThat(new RequestMac("another cluster key, long enough").verify(s)).isFalse();
        assertThat(mac.verify(s.withMac("A".repeat(43)))).isFalse();
        assertThat(mac.verify(s.withMac(""))).isFalse();
        assertThat(mac.verify(s.withMac("!!"))).isFalse();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new RequestMac("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedRequestsAreBadRequests() {
        String good = mac.sign(unsigned()).line();
        List<String> words = List.copyOf(split(good).subList(1, split(good).size()));
        assertThatThrownBy(() -> SignedRequest.parse(words.subList(0, 9))).isInstanceOf(CommandException.class);
        assertThatThrownBy(() -> SignedRequest.parse(with(words, 0, "2"))).hasMessageContaining("expected scx-run 1");
        assertThatThrownBy(() -> SignedRequest.parse(with(words, 3, "host.example"))).hasMessageContaining("ORIGIN");
        assertThatThrownBy(() -> SignedRequest.parse(with(words, 6, "xyz"))).hasMessageContaining("NONCE");
        assertThatThrownBy(() -> SignedRequest.parse(with(words, 8, "short"))).hasMessageContaining("MAC");
        assertThatThrownBy(() -> SignedRequest.parse(with(words, 5, "soon"))).hasMessageContaining("numbers");
    }

    private static List<String> split(String line) {
        try {
            return CommandLine.split(line);
        } catch (CommandException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> with(List<String> words, int i, String value) {
        List<String> copy = new ArrayList<>(words);
        copy.set(i, value);
        return copy;
    }

    @Test
    void replayGuardWindowAndNonces() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));
        ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(60), 3, clock);
        clock.advance(Duration.ofSeconds(60));
        long now = clock.millis();
        assertThat(guard.check(now, "n1")).isEqualTo(ReplayGuard.Verdict.FRESH);
        assertThat(guard.check(now, "n1")).isEqualTo(ReplayGuard.Verdict.REPLAYED);
        assertThat(guard.check(now - 61_000, "n2")).isEqualTo(ReplayGuard.Verdict.STALE);
        assertThat(guard.check(now + 61_000, "n3")).isEqualTo(ReplayGuard.Verdict.STALE);
        assertThat(guard.check(now - 59_000, "n4")).isEqualTo(ReplayGuard.Verdict.FRESH);
        assertThat(guard.check(now + 59_000, "n5")).isEqualTo(ReplayGuard.Verdict.FRESH);
        assertThat(guard.check(now, "n6")).as("memory full: refused, nothing forgotten")
                .isEqualTo(ReplayGuard.Verdict.FULL);
        assertThat(guard.check(now, "n1")).isEqualTo(ReplayGuard.Verdict.REPLAYED);

        clock.advance(Duration.ofSeconds(119));
        assertThat(guard.check(now + 59_000, "n5")).as("still remembered while it could be fresh")
                .isEqualTo(ReplayGuard.Verdict.REPLAYED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(guard.check(clock.millis(), "n6")).as("expired nonces make room")
                .isEqualTo(ReplayGuard.Verdict.FRESH);
    }

    @Test
    void extremeTimestampsAreStale() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));
        ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(60), 10, clock);
        assertThat(guard.check(Long.MIN_VALUE, "n1")).isEqualTo(ReplayGuard.Verdict.STALE);
        assertThat(guard.check(Long.MAX_VALUE, "n2")).isEqualTo(ReplayGuard.Verdict.STALE);
    }

    @Test
    void aNewGuardRefusesRequestsSignedBeforeIt() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));
        ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(60), 10, clock);
        assertThat(guard.check(clock.millis() - 1, "n1")).isEqualTo(ReplayGuard.Verdict.STALE);
        assertThat(guard.check(clock.millis(), "n2")).isEqualTo(ReplayGuard.Verdict.FRESH);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
