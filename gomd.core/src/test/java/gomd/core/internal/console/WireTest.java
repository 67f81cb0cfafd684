package gomd.core.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import gomd.core.api.ErrorCode;
import gomd.core.api.Record;

class WireTest {

    @Test
    void recordsKeepTheSeedsForm() {
        Record load = Record.builder().put("LOAD1", 0.52).put("LOAD5", "0.40").put("LOAD_OF_NODE_#1", -101).build();
        assertThat(Wire.record(load)).isEqualTo("(LOAD1:0.52)(LOAD5:0.40)(LOAD_OF_NODE_#1:-101)");
    }

    @Test
    void valuesEscapeParenthesesColonsBackslashesAndControls() {
        Record r = Record.builder().put("V", "a(b):c\\d\te\nf\rg\u0001h\u007f\u0085i\u2028j").put("EMPTY", "").build();
        assertThat(Wire.record(r))
                .isEqualTo("(V:a\\(b\\)\\:c\\\\d\\te\\nf\\rg\\x01h\\x7F\\x85i\\u2028j)(EMPTY:)");
    }

    @Test
    void textStaysReadableButCannotPassForARecordOrATerminator() {
        assertThat(Wire.text("get - get SOURCE [ARG...]")).isEqualTo("get - get SOURCE [ARG...]");
        assertThat(Wire.text("(OK)")).isEqualTo("\\(OK)");
        assertThat(Wire.text("(ERROR:X)")).isEqualTo("\\(ERROR:X)");
        assertThat(Wire.text("a (b): c\td")).isEqualTo("a (b): c\td");
        assertThat(Wire.text("C:\\x41\\")).isEqualTo("C:\\\\x41\\\\");
        assertThat(Wire.text("two\nlines\r")).isEqualTo("two\\nlines\\r");
        assertThat(Wire.text("\\(")).isEqualTo("\\\\(");
    }

    @Test
    void errorsAreTerminatorsWithAnEscapedMessage() {
        assertThat(Wire.error(ErrorCode.NOT_FOUND, "no interface eth0:1 (alias)"))
                .isEqualTo("(ERROR:NOT_FOUND)(MESSAGE:no interface eth0\\:1 \\(alias\\))");
        assertThat(Wire.error(ErrorCode.INTERNAL, null)).isEqualTo("(ERROR:INTERNAL)(MESSAGE:)");
    }

    @Test
    void everyStringSurvivesTheRoundTripOnOneLine() {
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            String s = randomString(random);
            String record = Wire.record(Record.of("K", s));
            String text = Wire.text(s);
            for (String line : new String[] {record, text}) {
                assertThat(line).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
            }
            assertThat(WireReader.pairs(record)).containsExactly(java.util.Map.entry("K", s));
            assertThat(WireReader.isRecord(record)).isTrue();
            assertThat(text).doesNotStartWith("(");
            assertThat(WireReader.text(text)).isEqualTo(s);
        }
    }

    /** Mostly the characters that matter to the format, some control and non-ASCII ones. */
    private static String randomString(Random random) {
        String interesting = "()\\:x tn\t\n\r\u0000\u001f\u007f\u0085\u2028\u2029é€";
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000)
                    : interesting.charAt(random.nextInt(interesting.length())));
        }
        return sb.toString();
    }
}
