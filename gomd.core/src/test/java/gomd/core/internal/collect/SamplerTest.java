package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.Collector;
import gomd.core.api.Metric;
import gomd.core.api.Sample;

class SamplerTest {

    private static long nextId = 1;
    private final Sampler sampler = new Sampler();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        sampler.deactivate();
    }

    static Map<String, Object> props(String name, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", nextId++);
        p.put(Collector.NAME, name);
        p.put(Collector.INTERVAL, 1);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    static Collector constant(String name, double value) {
        return () -> List.of(Metric.gauge(name, value, ""));
    }

    /** Waits for a state (never asserts on time): the test fails if it does not come within 20 s. */
    private Sample await(String collector, Predicate<Sample> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Sample> s = sampler.latest(collector);
            if (s.isPresent() && condition.test(s.get())) {
                return s.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no sample of " + collector + " as expected; latest: " + sampler.latest(collector));
    }

    /** A collector stuck in uninterruptible I/O: ignores interrupts until the test releases it. */
    private Collector stuckAfter(int goodReads, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= goodReads) {
                return List.of(Metric.gauge("GOOD", 1, ""));
            }
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return List.of(Metric.gauge("GOOD", 2, ""));
        };
    }

    @Test
    void hungCollectorTimesOutWhileTheOthersAnswerAndNeverGetsASecondRead() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger okCalls = new AtomicInteger();
        sampler.addCollector(stuckAfter(0, calls), props("hang"));
        sampler.addCollector(() -> List.of(Metric.gauge("N", okCalls.incrementAndGet(), "")), props("ok"));
        sampler.start(Duration.ofMillis(300), 2);

        Sample hung = await("hang", s -> s.error().orElse("").startsWith("timed out after 300 ms"));
        assertThat(hung.metrics()).isEmpty();
        // later ticks find the read still running: they report it and start no second one
        await("hang", s -> s.error().orElse("").startsWith("timed out: no answer for"));
        Sample ok = await("ok", s -> ((Number) s.metrics().get(0).value()).intValue() >= 3);
        assertThat(ok.error()).isEmpty();
        assertThat(calls).hasValue(1);

        release.countDown();
        Sample recovered = await("hang", s -> s.error().isEmpty());
        assertThat(recovered.metrics()).extracting(Metric::name).containsExactly("GOOD");
    }

    @Test
    void timedOutCollectorKeepsItsLastGoodValues() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        sampler.addCollector(stuckAfter(1, calls), props("flaky"));
        sampler.start(Duration.ofMillis(300), 1);

        Sample stale = await("flaky", s -> s.error().isPresent());
        assertThat(stale.error().get()).startsWith("timed out after 300 ms");
        assertThat(stale.metrics()).extracting(Metric::value).containsExactly(1);
    }

    @Test
    void throwingCollectorIsReportedAndTheOthersGoOn() throws Exception {
        sampler.addCollector(() -> {
            throw new IOException("disk on fire");
        }, props("broken"));
        sampler.addCollector(constant("LOAD", 0.5), props("load"));
        sampler.start(Duration.ofSeconds(5), 2);

        Sample broken = await("broken", s -> s.error().isPresent());
        assertThat(broken.error()).contains("IOException: disk on fire");
        assertThat(broken.metrics()).isEmpty();
        assertThat(await("load", s -> true).metrics()).containsExactly(Metric.gauge("LOAD", 0.5, ""));
    }

    @Test
    void collectorWithBadLabelsOrNullIsReported() throws Exception {
        sampler.addCollector(() -> List.of(Metric.gauge("X", 1, "").withLabel("bad label", "a")), props("labels"));
        sampler.addCollector(() -> null, props("nulls"));
        sampler.start(Duration.ofSeconds(5), 2);

        assertThat(await("labels", s -> s.error().isPresent()).error().get()).contains("bad label name: bad label");
        assertThat(await("nulls", s -> s.error().isPresent()).error().get()).contains("returned null");
    }

    @Test
    void firstSampleIsTakenAtOnceEvenWithALongInterval() throws Exception {
        sampler.start(Duration.ofSeconds(5), 1);
        sampler.addCollector(constant("V", 1), props("slow", Collector.INTERVAL, 3600));
        assertThat(await("slow", s -> true).metrics()).hasSize(1);
    }

    @Test
    void malformedRegistrationsAreIgnored() {
        sampler.start(Duration.ofSeconds(5), 1);
        Map<String, Object> noName = props("x");
        noName.remove(Collector.NAME);
        sampler.addCollector(constant("V", 1), noName);
        sampler.addCollector(constant("V", 1), props("proc"));
        sampler.addCollector(constant("V", 1), props("two words"));
        sampler.addCollector(constant("V", 1), props("zero", Collector.INTERVAL, 0));
        sampler.addCollector(constant("V", 1), props("text", Collector.INTERVAL, "often"));
        sampler.addCollector(constant("V", 1), props("sel", Collector.SELECTOR, "not a key"));
        sampler.addCollector(constant("V", 1), props("fine", Collector.INTERVAL, "2"));

        assertThat(sampler.names()).containsExactly("fine");
        assertThat(sampler.source("fine").get().interval()).isEqualTo(2);
    }

    @Test
    void nameClashIsWonByRankingAndTheLoserTakesOverWhenTheWinnerLeaves() throws Exception {
        sampler.start(Duration.ofSeconds(5), 2);
        Map<String, Object> low = props("dup", "service.ranking", 0, Collector.DESCRIPTION, "low");
        Map<String, Object> high = props("dup", "service.ranking", 5, Collector.DESCRIPTION, "high");
        Collector highCollector = constant("V", 2);
        sampler.addCollector(constant("V", 1), low);
        sampler.addCollector(highCollector, high);

        assertThat(sampler.source("dup").get().description()).isEqualTo("high");
        await("dup", s -> s.metrics().get(0).value().equals(2.0));

        sampler.removeCollector(highCollector, high);
        assertThat(sampler.source("dup").get().description()).isEqualTo("low");
        await("dup", s -> s.metrics().get(0).value().equals(1.0));
    }

    @Test
    void removedCollectorIsGone() throws Exception {
        sampler.start(Duration.ofSeconds(5), 1);
        Collector c = constant("V", 1);
        Map<String, Object> p = props("gone");
        sampler.addCollector(c, p);
        await("gone", s -> true);

        sampler.removeCollector(c, p);
        assertThat(sampler.names()).doesNotContain("gone");
        assertThat(sampler.latest("gone")).isEmpty();
    }

    @Test
    void invalidConfigurationKeepsTheLastGoodValue() {
        sampler.activate(Map.of("timeout", "7", "workers", "2"));
        sampler.modified(Map.of("timeout", "soon", "workers", "0"));
        assertThat(sampler).extracting("timeoutSeconds", "workerCount").containsExactly(7, 2);
    }
}
