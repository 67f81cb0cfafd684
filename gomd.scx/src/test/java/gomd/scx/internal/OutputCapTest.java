package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutputCapTest {

    @Test
    void eachSourceIsCutAtItsLimitWithOneMarker() {
        List<String> out = new ArrayList<>();
        OutputCap cap = new OutputCap(10, 1000);
        OutputCap.Source a = cap.source(out::add);
        a.line("12345"); // 6 bytes with the line end
        a.line("123");   // 10
        a.line("x");     // over
        a.line("y");
        assertThat(out).containsExactly("12345", "123", "[gomd: output cut: more than 10 bytes from this node]");
        assertThat(a.isCut()).isTrue();
    }

    @Test
    void theTotalCutsEverySourceThatGoesOverIt() {
        List<String> out = new ArrayList<>();
        OutputCap cap = new OutputCap(100, 12);
        OutputCap.Source a = cap.source(l -> out.add("a:" + l));
        OutputCap.Source b = cap.source(l -> out.add("b:" + l));
        a.line("12345");
        b.line("12345");
        b.line("1");
        a.line("1");
        assertThat(out).containsExactly("a:12345", "b:12345", "b:[gomd: output cut: more than 12 bytes from all nodes]",
                "a:[gomd: output cut: more than 12 bytes from all nodes]");
        assertThat(a.isCut()).isTrue();
        assertThat(b.isCut()).isTrue();
    }

    @Test
    void bytesAreCountedAsUtf8() {
        List<String> out = new ArrayList<>();
        OutputCap.Source a = new OutputCap(6, 100).source(out::add);
        a.line("éé"); // 4 bytes + line end
        a.line("");   // 6
        a.line("");
        assertThat(out).containsExactly("éé", "", "[gomd: output cut: more than 6 bytes from this node]");
    }
}
