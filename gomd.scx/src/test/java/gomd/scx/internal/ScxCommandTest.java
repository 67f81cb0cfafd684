package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;

class ScxCommandTest {

    @TempDir
    Path root;

    private ScxEngine engine;
    private final ScxCommand scx = new ScxCommand();

    @BeforeEach
    void start() throws Exception {
        engine = TestNodes.engine(root, 4,
                "ls /usr:SCX_NO_ACL_CHECK_REQUIRED\nsystemctl status *:SCX_ACL_CHECK_REQUIRED\n",
                Map.of("cluster.key", TestNodes.KEY));
        scx.engines = TestNodes.objects(engine);
    }

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private Result scx(String args) throws Exception {
        return TestNodes.run(scx, TestNodes.request("scx " + args, InetAddress.getLoopbackAddress()));
    }

    @Test
    void policyListsTheRulesInForceAndTheirSource() throws Exception {
        Result r = scx("policy");
        List<Record> records = r.records();
        assertThat(records.get(0).fields()).containsEntry("FILE", root.resolve("node4/etc/gomd/scx.conf").toString())
                .containsEntry("PROBLEM", "").containsEntry("CLUSTER_KEY", "yes");
        assertThat(records.subList(1, records.size())).extracting(rec -> rec.get("LINE") + " " + rec.get("COMMAND")
                + " " + rec.get("FLAG")).containsExactly("1 ls /usr SCX_NO_ACL_CHECK_REQUIRED",
                "2 systemctl status * SCX_ACL_CHECK_REQUIRED", "0 SCX_ALL_CMDS_BLOCKED SCX_CMD_BLOCKED");

        Files.writeString(root.resolve("node4/etc/gomd/scx.conf"), "ls:SCX_MAYBE\n");
        engine.refresh();
        assertThat(scx("policy").records().get(0).get("PROBLEM")).contains("scx.conf:1: unknown flag 'SCX_MAYBE'");
    }

    @Test
    void checkSaysWhichRuleDecides() throws Exception {
        assertThat(scx("check systemctl status sshd").records().get(0).fields()).containsEntry("ALLOWED", "yes")
                .containsEntry("ACL_CHECK", "ADMIN")
                .containsEntry("RULE", "line 2 'systemctl status *:SCX_ACL_CHECK_REQUIRED'");
        assertThat(scx("check ls /").records().get(0).fields()).containsEntry("ALLOWED", "no")
                .containsEntry("RULE", "default 'SCX_ALL_CMDS_BLOCKED'");
        assertThat(scx("check nope-not-here").records().get(0).get("PROGRAM")).isEqualTo("not found");
        assertThat(scx("frobnicate").error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(scx("check ../x").error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
