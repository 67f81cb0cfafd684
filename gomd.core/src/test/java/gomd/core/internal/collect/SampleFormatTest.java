package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import gomd.core.api.Metric;
import gomd.core.api.Record;

class SampleFormatTest {

    @Test
    void numbersHaveAtMostTwoDecimalsAndNoExponent() {
        assertThat(SampleFormat.value(0.297)).isEqualTo("0.3");
        assertThat(SampleFormat.value(12.0)).isEqualTo("12");
        assertThat(SampleFormat.value(99.995)).isEqualTo("100");
        assertThat(SampleFormat.value(1234.5678)).isEqualTo("1234.57");
        assertThat(SampleFormat.value(1.5e10)).isEqualTo("15000000000");
        assertThat(SampleFormat.value(1e-7)).isEqualTo("0");
        assertThat(SampleFormat.value(-0.001)).isEqualTo("0");
        assertThat(SampleFormat.value(2.5f)).isEqualTo("2.5");
        assertThat(SampleFormat.value(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(SampleFormat.value(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(SampleFormat.value(Double.NaN)).isEmpty();
        assertThat(SampleFormat.value("up,mcast")).isEqualTo("up,mcast");
    }

    @Test
    void nodeWideFirstThenOneRecordPerLabelSetWithTheSelectorFirst() {
        List<Metric> metrics = List.of(
                Metric.gauge("READS", 1L, "").withLabel("disk", "sda").withLabel("host", "a"),
                Metric.gauge("TOTAL", 2L, ""),
                Metric.gauge("READS", 3L, "").withLabel("disk", "sdb").withLabel("host", "a"),
                Metric.gauge("WRITES", 4L, "").withLabel("disk", "sda").withLabel("host", "a"));
        assertThat(SampleFormat.records(metrics, "disk")).extracting(Record::toString).containsExactly(
                "(TOTAL:2)", "(DISK:sda)(HOST:a)(READS:1)(WRITES:4)", "(DISK:sdb)(HOST:a)(READS:3)");
    }

    @Test
    void aRepeatedKeyKeepsItsFirstValue() {
        List<Metric> metrics = List.of(Metric.gauge("CPU", 1L, "").withLabel("cpu", "0"),
                Metric.gauge("X", 1L, ""), Metric.gauge("X", 2L, ""));
        assertThat(SampleFormat.records(metrics, "cpu")).extracting(Record::toString)
                .containsExactly("(X:1)", "(CPU:0)");
    }
}
