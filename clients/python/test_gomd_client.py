"""Tests of gomd_client: against a fake console here, against a real node when GOMD_PORT is set.

    cd clients/python && python3 -m unittest -v                      # fake console only
    GOMD_PORT=9889 python3 -m unittest -v test_gomd_client           # and a running node
"""

import os
import socket
import threading
import time
import unittest

from gomd_client import GomdClient, GomdError, Result, parse_body, parse_record, quote, split, unescape_text

LOAD = "(LOAD:0.52)(LOAD5:0.40)(LOAD15:0.33)\r\n(OK)\r\n"


class FakeConsole:
    """A console on 127.0.0.1 and an ephemeral port; every connection runs ``script(peer)``."""

    def __init__(self, script):
        self.script = script
        self.requests = []
        self.accepted = 0
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.peers = []
        threading.Thread(target=self._accept, daemon=True).start()

    @classmethod
    def answering(cls, answers):
        """A well-behaved console: greets, then sends ``answers(request)`` for every request."""
        def script(peer):
            peer.greet()
            while True:
                request = peer.read_request()
                if request is None:
                    return
                peer.send(answers(request))
        return cls(script)

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            peer = Peer(self, conn)
            self.peers.append(peer)
            threading.Thread(target=self._run, args=(peer,), daemon=True).start()

    def _run(self, peer):
        try:
            self.script(peer)
        except OSError:
            pass  # the client hung up on a misbehaving script: expected here
        finally:
            peer.close()

    def close(self):
        self.server.close()
        for p in self.peers:
            p.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Peer:
    def __init__(self, console, conn):
        self.console = console
        self.conn = conn
        self.buf = b""

    def greet(self):
        self.send("Welcome to gomd at fake from 127.0.0.1:1\r\nHere is node #7\r\nTimeout set to: 60 s\r\ngomd@fake # ")
        first = self.read_line()
        if first != "prompt off":
            raise OSError("expected prompt off, got %r" % first)
        self.send("(OK)\r\n")

    def read_line(self):
        while b"\n" not in self.buf:
            chunk = self.conn.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8")

    def read_request(self):
        line = self.read_line()
        if line is not None:
            self.console.requests.append(line)
        return line

    def send(self, data):
        self.conn.sendall(data.encode("utf-8") if isinstance(data, str) else data)

    def stall(self, seconds=30):
        """Stays silent until the client hangs up (or ``seconds`` pass)."""
        self.conn.settimeout(seconds)
        try:
            while self.conn.recv(65536):
                pass
        except OSError:
            pass

    def close(self):
        try:
            self.conn.close()
        except OSError:
            pass


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class ParsingTest(unittest.TestCase):

    def test_record_values_undo_every_escape(self):
        self.assertEqual(
            parse_record("(A:\\\\)(B:\\()(C:\\))(D:\\:)(E:\\n\\r\\t)(F:\\x01\\x7f)(LOAD_OF_NODE_#1:-101)(G:)(H:\\u2028)"),
            {"A": "\\", "B": "(", "C": ")", "D": ":", "E": "\n\r\t", "F": "\x01\x7f", "LOAD_OF_NODE_#1": "-101",
             "G": "", "H": "\u2028"})

    def test_record_keeps_key_order(self):
        self.assertEqual(list(parse_record("(Z:1)(A:2)(M:3)")), ["Z", "A", "M"])

    def test_broken_records_are_protocol_errors(self):
        for bad in ["(", "()", "(A)", "(A:1", "(A:1)(", "(A:1) (B:2)", "(A:\\", "(A:\\x1)", "(A:\\y)", "(A B:1)",
                    "(" + "K" * 129 + ":1)", "(A:x(y)", "(A:1)(A:2)", "(A:1:2)"]:
            with self.assertRaises(GomdError, msg=bad) as ctx:
                parse_record(bad)
            self.assertEqual(ctx.exception.code, "FAILED")
            self.assertIn("protocol error", ctx.exception.message)

    def test_text_lines_undo_their_escapes(self):
        for wire, text in [("plain text", "plain text"), ("\\(starts with paren", "(starts with paren"),
                           ("\\\\starts with backslash", "\\starts with backslash"), ("a\\x09b\\x1bc", "a\tb\x1bc"),
                           ("\\\\x41", "\\x41"), ("keep \\ this \\q", "keep \\ this \\q"),
                           ("line\\nbreak\\r", "line\nbreak\r"), ("sep\\u2028arator", "sep\u2028arator"),
                           ("not hex \\xZZ", "not hex \\xZZ"), ("C\\:\\\\temp \\(x\\)", "C:\\temp (x)")]:
            self.assertEqual(unescape_text(wire), text, wire)
            self.assertEqual(parse_body(wire), text, wire)

    def test_raw_control_characters_are_refused(self):
        with self.assertRaises(GomdError) as ctx:
            parse_body("text\x01with control")
        self.assertEqual(ctx.exception.code, "FAILED")

    def test_quote_round_trips_blanks_and_quotes(self):
        self.assertEqual(quote(["exec", "ls", "/my dir", "it's", ""]), "exec ls '/my dir' 'it'\\''s' ''")
        for words in (["exec", "ls", "/my dir", "it's", ""], ["a\\b", '"q"', "x y\tz", "\u00e9"]):
            self.assertEqual(split(quote(words)), words)

    def test_split_follows_the_consoles_quoting_rule(self):
        self.assertEqual(split('get  "a \\"b\\\\" c\\ d \'e f\' \\\'x'), ["get", 'a "b\\', "c d", "e f", "'x"])
        for bad in ('a "b', "a\\", "x\ny", "it's"):
            with self.assertRaises(GomdError, msg=bad) as ctx:
                split(bad)
            self.assertEqual(ctx.exception.code, "BAD_REQUEST")


class FakeConsoleTest(unittest.TestCase):

    def connect(self, console, **options):
        options.setdefault("timeout", 2.0)
        options.setdefault("connect_timeout", 2.0)
        client = GomdClient("127.0.0.1", console.port, **options)
        self.addCleanup(client.close)
        return client

    def test_records_text_and_ok(self):
        with FakeConsole.answering(lambda r: "(LOAD:0.52)(LOAD5:0.40)(LOAD15:0.33)\r\n\\(not a record\r\nplain\n(OK)\r\n") as fc:
            r = self.connect(fc).run("get load")
        self.assertEqual(r.records, [{"LOAD": "0.52", "LOAD5": "0.40", "LOAD15": "0.33"}])
        self.assertEqual(r.lines, ["(not a record", "plain"])
        self.assertEqual(fc.requests, ["get load"])

    def test_error_terminator_raises_with_code_and_keeps_the_connection(self):
        with FakeConsole.answering(lambda r: LOAD if r == "get load"
                                   else "(ERROR:UNKNOWN_COMMAND)(MESSAGE:unknown command\\: frob)\r\n") as fc:
            c = self.connect(fc)
            with self.assertRaises(GomdError) as ctx:
                c.run("frob")
            self.assertEqual(ctx.exception.code, "UNKNOWN_COMMAND")
            self.assertEqual(ctx.exception.message, "unknown command: frob")
            self.assertEqual(c.run("get load").records[0]["LOAD"], "0.52")
            self.assertEqual(fc.accepted, 1)

    def test_unknown_error_code_becomes_failed(self):
        with FakeConsole.answering(lambda r: "(ERROR:MOON_PHASE)(MESSAGE:later)\r\n") as fc:
            with self.assertRaises(GomdError) as ctx:
                self.connect(fc).run("get tide")
        self.assertEqual((ctx.exception.code, ctx.exception.message), ("FAILED", "MOON_PHASE: later"))

    def test_answer_split_into_single_bytes(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            for b in "(IFACE:lo)(NOTE:a\\:b\\(c\\)\\\\d)\r\n(OK)\r\n".encode():
                peer.send(bytes([b]))
                time.sleep(0.001)
            peer.stall()
        with FakeConsole(script) as fc:
            self.assertEqual(self.connect(fc).run("get netload lo").records, [{"IFACE": "lo", "NOTE": "a:b(c)\\d"}])

    def test_slow_answer_within_the_timeout(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send("(LOAD:1)\r\n")
            time.sleep(0.3)
            peer.send("(OK)\r\n")
            peer.stall()
        with FakeConsole(script) as fc:
            self.assertEqual(self.connect(fc).run("get load").records, [{"LOAD": "1"}])

    def test_close_before_the_terminator_is_unavailable_with_the_partial_answer(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send("(PID:1)(NAME:init)\r\n(PID:2)(NAME:kthr")
        with FakeConsole(script) as fc:
            c = self.connect(fc)
            items = []
            with self.assertRaises(GomdError) as ctx:
                for item in c.stream("ps"):
                    items.append(item)
        self.assertEqual(ctx.exception.code, "UNAVAILABLE")
        self.assertIn("closed before the end", ctx.exception.message)
        self.assertEqual(items, [{"PID": "1", "NAME": "init"}])

    def test_ok_without_its_line_end_is_not_a_whole_answer(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send("(LOAD:1)\r\n(OK)")
        with FakeConsole(script) as fc:
            with self.assertRaises(GomdError) as ctx:
                self.connect(fc).run("get load")
        self.assertEqual(ctx.exception.code, "UNAVAILABLE")

    def test_a_peer_that_stops_mid_answer_times_out(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send("(LOAD:1)\r\n")
            peer.stall()
        with FakeConsole(script) as fc:
            c = self.connect(fc)
            with self.assertRaises(GomdError) as ctx:
                c.run("get load", timeout=0.3)
        self.assertEqual(ctx.exception.code, "TIMEOUT")

    def test_a_peer_that_never_greets_fails_the_connect(self):
        with FakeConsole(lambda peer: peer.stall()) as fc:
            with self.assertRaises(GomdError) as ctx:
                GomdClient("127.0.0.1", fc.port, connect_timeout=0.3)
        self.assertEqual(ctx.exception.code, "TIMEOUT")

    def test_a_closed_port_is_unavailable(self):
        port = closed_port()
        with self.assertRaises(GomdError) as ctx:
            GomdClient("127.0.0.1", port)
        self.assertEqual(ctx.exception.code, "UNAVAILABLE")
        self.assertIn("127.0.0.1:%d" % port, ctx.exception.message)

    def test_a_refusal_in_the_greeting_raises_its_code(self):
        with FakeConsole(lambda peer: peer.send("(ERROR:DENIED)(MESSAGE:access denied)\r\n")) as fc:
            with self.assertRaises(GomdError) as ctx:
                GomdClient("127.0.0.1", fc.port)
        self.assertEqual(ctx.exception.code, "DENIED")

    def test_an_answer_over_the_limit_is_too_large_and_the_next_request_reconnects(self):
        big = "(DATA:" + "x" * 10000 + ")\r\n(OK)\r\n"
        with FakeConsole.answering(lambda r: LOAD if r == "get load" else big) as fc:
            c = self.connect(fc, max_answer_bytes=4096)
            with self.assertRaises(GomdError) as ctx:
                c.run("get proc meminfo")
            self.assertEqual(ctx.exception.code, "TOO_LARGE")
            self.assertEqual(c.run("get load").records[0]["LOAD"], "0.52")
            self.assertEqual(fc.accepted, 2)

    def test_garbage_is_a_protocol_error(self):
        for garbage in ["(LOAD:0.5(\r\n", "(LOAD 0.5)\r\n", "(LOAD:a\\qb)\r\n", "text\x01with control\r\n"]:
            with FakeConsole.answering(lambda r: garbage + "(OK)\r\n") as fc:
                with self.assertRaises(GomdError, msg=garbage) as ctx:
                    self.connect(fc).run("get load")
            self.assertEqual(ctx.exception.code, "FAILED", garbage)

    def test_bytes_that_are_not_utf8_are_a_protocol_error(self):
        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send(b"\xff\xfe\x00\xc3\r\n(OK)\r\n")
            peer.stall()
        with FakeConsole(script) as fc:
            with self.assertRaises(GomdError) as ctx:
                self.connect(fc).run("get load")
        self.assertEqual(ctx.exception.code, "FAILED")
        self.assertIn("UTF-8", ctx.exception.message)

    def test_a_connection_the_server_closed_while_idle_is_replaced(self):
        hung_up = threading.Event()

        def script(peer):
            peer.greet()
            if peer.console.accepted == 1:
                peer.send("(ERROR:TIMEOUT)(MESSAGE:idle timeout)\r\n")
                peer.close()
                hung_up.set()
                return
            while peer.read_request() is not None:
                peer.send(LOAD)
        with FakeConsole(script) as fc:
            c = self.connect(fc)
            self.assertTrue(hung_up.wait(10))
            time.sleep(0.05)  # loopback delivers at once; this only covers a busy machine
            self.assertEqual(c.run("get load").records[0]["LOAD"], "0.52")
            self.assertEqual(fc.accepted, 2)

    def test_lines_the_console_would_misread_are_refused_and_not_sent(self):
        with FakeConsole.answering(lambda r: LOAD) as fc:
            c = self.connect(fc, max_request_bytes=100)
            for line, code in [("get load\nquit", "BAD_REQUEST"), ("   ", "BAD_REQUEST"), ("quit", "BAD_REQUEST"),
                               ("'qu'it", "BAD_REQUEST"), ("prompt on", "BAD_REQUEST"), ("get 'x", "BAD_REQUEST"), ("get " + "x" * 100, "TOO_LARGE")]:
                with self.assertRaises(GomdError, msg=line) as ctx:
                    c.run(line)
                self.assertEqual(ctx.exception.code, code, line)
            c.run("get load")
        self.assertEqual(fc.requests, ["get load"])

    def test_stream_yields_each_line_before_the_answer_ends(self):
        first_seen = threading.Event()

        def script(peer):
            peer.greet()
            peer.read_request()
            peer.send("line one\r\n")
            if first_seen.wait(10):  # the rest only once the caller has the first line
                peer.send("line two\r\n(EXIT:0)\r\n(OK)\r\n")
            peer.stall()
        with FakeConsole(script) as fc:
            items = []
            for item in self.connect(fc, timeout=20).stream("exec ls"):
                items.append(item)
                first_seen.set()
        self.assertEqual(items, ["line one", "line two", {"EXIT": "0"}])


@unittest.skipUnless(os.environ.get("GOMD_PORT"), "set GOMD_PORT (and GOMD_HOST) to test against a running node")
class RealDaemonTest(unittest.TestCase):
    """What a user of a real node sees; run by gomd.itests against a node it starts."""

    def setUp(self):
        self.client = GomdClient(os.environ.get("GOMD_HOST", "127.0.0.1"), int(os.environ["GOMD_PORT"]), timeout=10)
        self.addCleanup(self.client.close)

    def test_get_load_has_three_numbers(self):
        load = self.client.run("get load").records[0]
        self.assertEqual(list(load)[:3], ["LOAD", "LOAD5", "LOAD15"])
        for key in ("LOAD", "LOAD5", "LOAD15"):
            self.assertGreaterEqual(float(load[key]), 0.0)

    def test_get_mem_and_netload(self):
        mem = self.client.run("get mem").records[0]
        self.assertGreater(int(mem["MEM_TOTAL"]), 0)
        ifaces = {r["IFACE"]: r for r in self.client.run("get netload").records}
        self.assertIn("lo", ifaces)
        self.assertEqual(ifaces["lo"]["ADDRESS"], "127.0.0.1")

    @unittest.skipUnless(os.environ.get("GOMD_HOST", "127.0.0.1").startswith("127."), "the node is on another host")
    def test_text_lines_come_back_as_the_node_read_them(self):
        # /proc/version has blanks, ( ) and often : : the console escapes some, the client undoes it
        with open("/proc/version", encoding="utf-8") as f:
            self.assertEqual(self.client.run("get proc version").lines, [f.read().rstrip("\n")])

    def test_help_lists_get(self):
        self.assertTrue(any(line.startswith("get") for line in self.client.run("help").lines))

    def test_errors_carry_their_code(self):
        with self.assertRaises(GomdError) as ctx:
            self.client.run("no-such-command")
        self.assertEqual(ctx.exception.code, "UNKNOWN_COMMAND")
        with self.assertRaises(GomdError) as ctx:
            self.client.run("get netload no-such-iface0")
        self.assertEqual(ctx.exception.code, "NOT_FOUND")
        # the session goes on after an error
        self.assertIn("LOAD", self.client.run("get load").records[0])


if __name__ == "__main__":
    unittest.main()
