package gomd.itests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void parsesRecordsAndUndoesValueEscapes() {
        assertThat(Wire.parseRecord("(LOAD:0.52)(LOAD5:0.40)(LOAD15:0.33)"))
                .containsExactly(Map.entry("LOAD", "0.52"), Map.entry("LOAD5", "0.40"), Map.entry("LOAD15", "0.33"));
        assertThat(Wire.parseRecord("(V:a\\(b\\)c\\:d\\\\e\\nf\\tg\\x01h)")).containsEntry("V", "a(b)c:d\\e\nf\tg\u0001h");
        assertThat(Wire.parseRecord("(EMPTY:)")).containsEntry("EMPTY", "");
    }

    @Test
    void rejectsWhatIsNotARecord() {
        assertThatThrownBy(() -> Wire.parseRecord("(KEY:unclosed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wire.parseRecord("text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wire.parseRecord("(NOCOLON)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsWhatTheServerMustNeverSend() {
        for (String bad : List.of("(K:a:b)", "(K:a(b)", "(K:a\\qb)", "(K:a\\x4)", "(K:a\\x4g)", "(K:\\u20)")) {
            assertThatThrownBy(() -> Wire.parseRecord(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Wire.unescapeText("ends with \\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wire.unescapeText("\\q")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void undoesTextEscapes() {
        assertThat(Wire.unescapeText("\\(not a record)")).isEqualTo("(not a record)");
        assertThat(Wire.unescapeText("C:\\\\temp \\x1B[0m \\u2028")).isEqualTo("C:\\temp \u001B[0m \u2028");
        assertThat(Wire.unescapeText("plain (text): as is")).isEqualTo("plain (text): as is");
    }

    @Test
    void splitsAnAnswerIntoRecordsTextAndTerminator() {
        Answer ok = new Answer(List.of("(A:1)(B:2)", "some text", "(A:3)"), "(OK)");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.errorCode()).isNull();
        assertThat(ok.records()).hasSize(2);
        assertThat(ok.values()).containsEntry("A", "3").containsEntry("B", "2");
        assertThat(ok.text()).containsExactly("some text");

        Answer failed = new Answer(List.of(), "(ERROR:UNKNOWN_COMMAND)(MESSAGE:unknown command\\: x)");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.errorCode()).isEqualTo("UNKNOWN_COMMAND");
        assertThat(failed.errorMessage()).isEqualTo("unknown command: x");
        assertThat(Answer.isTerminator("(OK)")).isTrue();
        assertThat(Answer.isTerminator("(OKAY:1)")).isFalse();
    }
}
