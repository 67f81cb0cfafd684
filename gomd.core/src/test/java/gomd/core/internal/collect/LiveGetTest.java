package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.Collector;
import gomd.core.api.InternalRequest;
import gomd.core.api.Record;
import gomd.core.api.Result;
import gomd.core.internal.oshi.CpuCollector;
import gomd.core.internal.oshi.LoadCollector;
import gomd.core.internal.oshi.MemCollector;
import gomd.core.internal.oshi.NetloadCollector;
import gomd.core.internal.oshi.PsCollector;

/** The real node collectors behind the real sampler and get, on this machine (Linux). */
class LiveGetTest {

    private final Sampler sampler = new Sampler();
    private final GetCommand get = new GetCommand();

    @BeforeEach
    void start() {
        assumeTrue(Files.isReadable(Path.of("/proc/loadavg")), "needs Linux");
        add(new LoadCollector(), "load", "");
        add(new MemCollector(), "mem", "");
        add(new NetloadCollector(), "netload", "iface");
        add(new CpuCollector(), "cpu", "cpu");
        add(new PsCollector(), "ps", "pid");
        sampler.start(Duration.ofSeconds(5), 2);
        get.sources = sampler;
    }

    private void add(Collector c, String name, String selector) {
        sampler.addCollector(c, SamplerTest.props(name, Collector.SELECTOR, selector));
    }

    @AfterEach
    void stop() {
        sampler.deactivate();
        get.deactivate();
    }

    /** Asks until the source has its first sample (the sampler reads at once, in the background). */
    private Result ask(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Result r;
        do {
            r = Result.of(get, InternalRequest.of(line));
            if (r.isOk()) {
                return r;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(line + ": " + r);
    }

    @Test
    void getLoadAnswersThreeNumbers() throws Exception {
        List<Record> records = ask("get load").records();
        assertThat(records).singleElement().extracting(Record::fields).satisfies(f -> {
            assertThat(f.keySet()).containsExactly("LOAD", "LOAD5", "LOAD15");
            assertThat(f.values()).allMatch(v -> v.matches("\\d+(\\.\\d{1,2})?"));
        });
    }

    @Test
    void getNetloadLoAnswersTheSeedsFields() throws Exception {
        Map<String, String> lo = ask("get netload lo").records().get(0).fields();
        assertThat(lo.keySet()).startsWith("IFACE", "IFACE_FLAGS", "ADDRESS", "SUBNET", "MTU", "COLLISIONS",
                "PACKETS_IN", "PACKETS_OUT", "PACKETS_TOTAL", "BYTES_IN", "BYTES_OUT", "BYTES_TOTAL", "ERRORS_IN",
                "ERRORS_OUT", "ERRORS_TOTAL");
        assertThat(lo).containsEntry("IFACE", "lo").containsEntry("ADDRESS", "127.0.0.1")
                .containsEntry("SUBNET", "255.0.0.0");
    }

    @Test
    void memCpuAndPsAnswer() throws Exception {
        assertThat(ask("get mem").records().get(0).fields()).containsKeys("MEM_TOTAL", "MEM_FREE", "MEM_AVAILABLE",
                "SWAP_TOTAL");
        assertThat(ask("get cpu").records().get(0).fields()).containsKeys("COUNT", "MODEL");
        assertThat(ask("get cpu 0").records()).singleElement().extracting(r -> r.get("CPU")).isEqualTo("0");
        List<Record> ps = ask("get ps mem 3").records();
        assertThat(ps.get(0).fields()).containsKeys("PROCESSES", "THREADS");
        assertThat(ps).hasSizeBetween(2, 4);
        assertThat(ps.get(1).fields().keySet()).containsExactly("PID", "USER", "CPU", "MEM", "RSS", "STATE", "NAME");
    }
}
