package gomd.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Text;

class WireTest {

    @Test
    void recordValuesUndoEveryEscapeOfTheProtocol() throws Exception {
        Record r = Wire.record("(A:\\\\)(B:\\()(C:\\))(D:\\:)(E:\\n\\r\\t)(F:\\x01\\x7f\\x7F)(LOAD_OF_NODE_#1:-101)(G:)"
                + "(H:\\u2028\\u00e9)");

        assertThat(r.fields()).containsExactly(
                java.util.Map.entry("A", "\\"), java.util.Map.entry("B", "("), java.util.Map.entry("C", ")"),
                java.util.Map.entry("D", ":"), java.util.Map.entry("E", "\n\r\t"),
                java.util.Map.entry("F", "\u0001\u007f\u007f"), java.util.Map.entry("LOAD_OF_NODE_#1", "-101"),
                java.util.Map.entry("G", ""), java.util.Map.entry("H", "\u2028\u00e9"));
    }

    @Test
    void valuesKeepUnicodeAndBlanks() throws Exception {
        assertThat(Wire.record("(MODEL:Intel\\(R\\) Xeon\\(R\\) – 2.0 GHz)").get("MODEL"))
                .isEqualTo("Intel(R) Xeon(R) – 2.0 GHz");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "plain text                | plain text",
            "\\(starts with paren      | (starts with paren",
            "\\\\starts with backslash | \\starts with backslash",
            "a\\x09b\\x1bc             | a\tb\u001bc",
            "\\\\x41                   | \\x41",
            "keep \\ this \\q          | keep \\ this \\q",
            "not hex \\xZZ             | not hex \\xZZ",
            "twice \\\\x41             | twice \\x41",
            "C\\:\\\\temp \\(x\\)     | C:\\temp (x)",
    })
    void textLinesUndoTheirEscapes(String wire, String text) throws Exception {
        assertThat(Wire.body(wire.strip())).isEqualTo(new Text(text.strip()));
    }

    @Test
    void textLinesUndoLineBreakAndSeparatorEscapes() throws Exception {
        assertThat(Wire.body("line\\nbreak\\r")).isEqualTo(new Text("line\nbreak\r"));
        assertThat(Wire.body("sep\\u2028arator")).isEqualTo(new Text("sep\u2028arator"));
    }

    @Test
    void errorTerminatorsCarryCodeAndUnescapedMessage() throws Exception {
        CommandException e = Wire.error("(ERROR:NOT_FOUND)(MESSAGE:no interface\\: eth9 \\(try lo\\))");

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("no interface: eth9 (try lo)");
        assertThat(Wire.error("(ERROR:BUSY)").getMessage()).isEqualTo("BUSY");
    }

    @Test
    void terminatorsAreRecognisedExactly() {
        assertThat(Wire.isOk("(OK)")).isTrue();
        assertThat(Wire.isOk("(OK) ")).isFalse();
        assertThat(Wire.isOk("\\(OK)")).isFalse();
        assertThat(Wire.isError("(ERROR:FAILED)(MESSAGE:x)")).isTrue();
        assertThat(Wire.isError("(ERRORS_IN:0)")).isFalse();
    }

    @Test
    void aRecordBrokenAnywhereIsRefused() {
        for (String bad : new String[] {"(", "()", "(A)", "(A:1", "(A:1)(", "(A:1) (B:2)", "(A:\\", "(A:\\x1)",
                "(A:\\y)", "(A:\\u12)", "(A B:1)", "(" + "K".repeat(129) + ":1)", "(A:x(y)", "(A:1)(A:2)"}) {
            assertThatThrownBy(() -> Wire.record(bad)).as(bad)
                    .isInstanceOf(CommandException.class)
                    .hasMessageContaining("protocol error")
                    .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(ErrorCode.FAILED));
        }
    }
}
