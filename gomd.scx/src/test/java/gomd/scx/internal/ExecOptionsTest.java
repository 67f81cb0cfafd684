package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;

class ExecOptionsTest {

    private static NodeInfo node(int n, String name) {
        return new NodeInfo(n, name, InetAddress.getLoopbackAddress(), 26000 + n, NodeInfo.State.ALIVE, Set.of(),
                Instant.EPOCH);
    }

    private static ErrorCode code(ThrowingRunnable r) {
        try {
            r.run();
        } catch (CommandException e) {
            return e.code();
        }
        throw new AssertionError("no CommandException");
    }

    interface ThrowingRunnable {
        void run() throws CommandException;
    }

    @Test
    void clushStyleOptions() throws Exception {
        ExecOptions o = ExecOptions.parse(List.of("-w", "1-3,alpha", "-x", "2", "-b", "-t", "5", "-f", "8",
                "--no-local", "ls", "-l", "/usr"), true);
        assertThat(o.argv()).containsExactly("ls", "-l", "/usr");
        assertThat(o.gather()).isTrue();
        assertThat(o.noLocal()).isTrue();
        assertThat(o.timeout()).contains(Duration.ofSeconds(5));
        assertThat(o.fanout()).hasValue(8);
        assertThat(o.nodes().get(0).contains(node(2, "x"))).isTrue();
        assertThat(o.nodes().get(0).contains(node(9, "ALPHA"))).isTrue();
        assertThat(o.nodes().get(0).contains(node(4, "beta"))).isFalse();
        assertThat(o.excluded().get(0).contains(node(2, "x"))).isTrue();
    }

    @Test
    void optionsEndAtTheProgramOrAtDoubleDash() throws Exception {
        assertThat(ExecOptions.parse(List.of("ls", "-b", "-t", "3"), true).argv())
                .containsExactly("ls", "-b", "-t", "3");
        assertThat(ExecOptions.parse(List.of("-b", "--", "-t"), true).argv()).containsExactly("-t");
        assertThat(ExecOptions.parse(List.of("-t", "9", "sleep", "1"), false).timeout())
                .contains(Duration.ofSeconds(9));
    }

    @Test
    void badOptionsAreBadRequests() {
        assertThat(code(() -> ExecOptions.parse(List.of("-b", "ls"), false))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-q", "ls"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-t", "0", "ls"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-t", "x", "ls"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-f", "-1", "ls"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-w"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of("-b"), true))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> ExecOptions.parse(List.of(), false))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThatThrownBy(() -> ExecOptions.parse(List.of("-z", "ls"), true))
                .hasMessageContaining("usage: " + ExecOptions.CWC_SYNOPSIS);
    }

    @Test
    void nodeSets() throws Exception {
        assertThat(code(() -> NodeSet.parse("3-1"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> NodeSet.parse("1,,2"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> NodeSet.parse("a;b"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(() -> NodeSet.parse("-1"))).isEqualTo(ErrorCode.BAD_REQUEST);
        NodeSet s = NodeSet.parse("1-2,7,gamma");
        assertThat(s.unmatched(List.of(node(1, "a"), node(7, "b")))).containsExactly("gamma");
        assertThat(s.unmatched(List.of(node(2, "gamma"), node(7, "b")))).isEmpty();
        assertThat(NodeSet.fold(List.of(5, 1, 2, 3, 9, 10))).isEqualTo("1-3,5,9-10");
        assertThat(NodeSet.fold(List.of(4))).isEqualTo("4");
    }
}
