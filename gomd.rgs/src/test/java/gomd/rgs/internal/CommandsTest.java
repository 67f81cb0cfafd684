package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.InternalRequest;
import gomd.core.api.NodeInfo;
import gomd.core.api.Result;

class CommandsTest {

    private static NodeTable.Row row(int number, String address, NodeInfo.State state, boolean clash, boolean local)
            throws Exception {
        return new NodeTable.Row(new NodeInfo(number, "host" + number, InetAddress.getByName(address), 9889, state,
                Set.of("gomd.rgs", "gomd.core"), Instant.parse("2026-01-02T03:04:05.678Z")), clash, local);
    }

    private final Membership membership = () -> {
        try {
            return List.of(row(1, "10.0.0.1", NodeInfo.State.ALIVE, false, true),
                    row(2, "10.0.0.2", NodeInfo.State.FAILED, false, false),
                    row(5, "10.0.0.5", NodeInfo.State.ALIVE, true, false),
                    row(5, "10.0.0.6", NodeInfo.State.ALIVE, true, false));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    private Result run(gomd.core.api.Command command, String line) throws CommandException {
        Result r = new Result();
        command.execute(InternalRequest.of(line), r);
        return r;
    }

    private NodesCommand nodes() {
        NodesCommand c = new NodesCommand();
        c.membership = membership;
        return c;
    }

    private WhoisCommand whois() {
        WhoisCommand c = new WhoisCommand();
        c.membership = membership;
        return c;
    }

    @Test
    void nodesListsEveryNodeWithItsState() throws Exception {
        Result r = run(nodes(), "nodes");
        assertThat(r.records()).extracting(Object::toString).containsExactly(
                "(NODE:1)(NAME:host1)(ADDRESS:10.0.0.1)(CONSOLE_PORT:9889)(STATE:ALIVE)(FEATURES:gomd.core,gomd.rgs)"
                        + "(SINCE:2026-01-02T03:04:05Z)",
                "(NODE:2)(NAME:host2)(ADDRESS:10.0.0.2)(CONSOLE_PORT:9889)(STATE:FAILED)(FEATURES:gomd.core,gomd.rgs)"
                        + "(SINCE:2026-01-02T03:04:05Z)",
                "(NODE:5)(NAME:host5)(ADDRESS:10.0.0.5)(CONSOLE_PORT:9889)(STATE:CLASH)(FEATURES:gomd.core,gomd.rgs)"
                        + "(SINCE:2026-01-02T03:04:05Z)",
                "(NODE:5)(NAME:host5)(ADDRESS:10.0.0.6)(CONSOLE_PORT:9889)(STATE:CLASH)(FEATURES:gomd.core,gomd.rgs)"
                        + "(SINCE:2026-01-02T03:04:05Z)");
    }

    @Test
    void nodesTakesNoArguments() {
        assertThatThrownBy(() -> run(nodes(), "nodes all")).isInstanceOf(CommandException.class)
                .extracting(e -> ((CommandException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void whoisFindsANodeByNumberAddressOrName() throws Exception {
        assertThat(run(whois(), "whois 2").records()).extracting(rec -> rec.get("ADDRESS")).containsExactly("10.0.0.2");
        assertThat(run(whois(), "whois #2").records()).extracting(rec -> rec.get("ADDRESS")).containsExactly("10.0.0.2");
        assertThat(run(whois(), "whois 5").records()).extracting(rec -> rec.get("ADDRESS"))
                .containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(run(whois(), "whois 10.0.0.6").records()).extracting(rec -> rec.get("NODE")).containsExactly("5");
        assertThat(run(whois(), "whois HOST1").records()).extracting(rec -> rec.get("NODE")).containsExactly("1");
    }

    @Test
    void whoisOfAnUnknownNodeIsNotFound() {
        assertThatThrownBy(() -> run(whois(), "whois 99")).isInstanceOf(CommandException.class)
                .hasMessage("no node 99");
        assertThatThrownBy(() -> run(whois(), "whois")).isInstanceOf(CommandException.class)
                .hasMessage("usage: whois NODE|ADDRESS|NAME");
    }
}
