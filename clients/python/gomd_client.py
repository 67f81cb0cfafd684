"""gomd_client: a dependency-free Python 3 client of the gomd line console.

Written from docs/PROTOCOL.md alone (handshake, framing, escapes, errors)::

    from gomd_client import GomdClient, GomdError

    with GomdClient("127.0.0.1", 9889) as node:
        load = node.run("get load").records[0]      # {'LOAD': '0.52', 'LOAD5': '0.40', ...}
        try:
            node.run("get netload eth9")
        except GomdError as e:
            print(e.code, e)                         # NOT_FOUND no interface eth9

Every wait is bounded by a timeout, answers by a size limit, and only a terminator line
((OK) or (ERROR:...)) ends an answer: a connection that closes before it raises
GomdError("UNAVAILABLE"), never returns a partial answer as a whole one.
"""

import select
import socket
import time

__all__ = ["GomdClient", "GomdError", "Result", "quote", "split", "DEFAULT_PORT"]

DEFAULT_PORT = 9889

# The codes of docs/PROTOCOL.md; a code a newer server sends that is not here becomes FAILED.
ERROR_CODES = frozenset([
    "UNKNOWN_COMMAND", "BAD_REQUEST", "DENIED", "NOT_FOUND", "UNAVAILABLE", "TIMEOUT",
    "TOO_LARGE", "BUSY", "FAILED", "INTERNAL",
])

# Session commands the client itself manages: sent by a caller they would break the framing.
_SESSION_COMMANDS = frozenset(["prompt", "quit", "exit"])
_MAX_GREETING_BYTES = 64 * 1024
_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_#.+/-")
_HEX = frozenset("0123456789abcdefABCDEF")
_VALUE_ESCAPES = {"\\": "\\", "(": "(", ")": ")", ":": ":", "n": "\n", "r": "\r", "t": "\t"}


class GomdError(Exception):
    """A request failed. ``code`` is one of ERROR_CODES; ``partial`` holds what arrived before."""

    def __init__(self, code, message, partial=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.partial = partial if partial is not None else Result()

    def __str__(self):
        return "%s: %s" % (self.code, self.message)


class Result:
    """One answer: ``items`` in order, each a record (dict, keys in order) or a text line (str)."""

    def __init__(self, items=None):
        self.items = items if items is not None else []

    @property
    def records(self):
        return [i for i in self.items if isinstance(i, dict)]

    @property
    def lines(self):
        return [i for i in self.items if isinstance(i, str)]

    def __repr__(self):
        return "Result(%r)" % (self.items,)


def quote(words):
    """Joins words into a request line that the console splits back into the same words."""
    out = []
    for w in words:
        if w and all(c > " " and c not in "'\"\\" and c != "\x7f" for c in w):
            out.append(w)
        else:
            out.append("'" + w.replace("'", "'\\''") + "'")
    return " ".join(out)


def split(line):
    """Splits a request line into words by the console's quoting rule (PROTOCOL.md, "Requests").

    Words are separated by blanks (space, tab); '...' quotes literally; "..." quotes with \\" and
    \\\\ as the only escapes; outside quotes a backslash takes the next character. Raises
    GomdError(BAD_REQUEST) for an unclosed quote, a trailing backslash or a control character.
    """
    words, word, in_word, quote_char = [], [], False, None
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if (c < " " and c != "\t") or c == "\x7f":
            raise GomdError("BAD_REQUEST", "control character in request at column %d" % (i + 1))
        if quote_char == "'":
            if c == "'":
                quote_char = None
            else:
                word.append(c)
        elif quote_char == '"':
            if c == '"':
                quote_char = None
            elif c == "\\" and i + 1 < n and line[i + 1] in '"\\':
                i += 1
                word.append(line[i])
            else:
                word.append(c)
        elif c in " \t":
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
        else:
            in_word = True
            if c in "'\"":
                quote_char = c
            elif c == "\\":
                i += 1
                if i == n:
                    raise GomdError("BAD_REQUEST", "backslash at end of request")
                word.append(line[i])
            else:
                word.append(c)
        i += 1
    if quote_char is not None:
        raise GomdError("BAD_REQUEST", "unclosed %s quote" % quote_char)
    if in_word:
        words.append("".join(word))
    return words


def parse_record(line):
    """``(KEY:VALUE)(KEY:VALUE)...`` -> dict. Raises GomdError(FAILED) for a malformed line."""
    fields = {}
    i, n = 0, len(line)
    if n == 0:
        raise _malformed(line, "empty line")
    while i < n:
        if line[i] != "(":
            raise _malformed(line, "expected ( at column %d" % (i + 1))
        colon = line.find(":", i + 1)
        if colon < 0:
            raise _malformed(line, "no : after the key at column %d" % (i + 1))
        key = line[i + 1:colon]
        if not 1 <= len(key) <= 128 or any(c not in _KEY_CHARS for c in key):
            raise _malformed(line, "bad key at column %d" % (i + 2))
        value = []
        j = colon + 1
        while True:
            if j >= n:
                raise _malformed(line, "a pair is not closed by )")
            c = line[j]
            if c == ")":
                break
            if c in "(:":
                raise _malformed(line, "unescaped %s in a value at column %d" % (c, j + 1))
            if c != "\\":
                value.append(c)
                j += 1
                continue
            e = line[j + 1] if j + 1 < n else ""
            if e in _VALUE_ESCAPES:
                value.append(_VALUE_ESCAPES[e])
                j += 2
            elif e in ("x", "u"):
                digits = 2 if e == "x" else 4
                code = _hex(line, j + 2, digits)
                if code is None:
                    raise _malformed(line, "bad \\%s escape at column %d" % (e, j + 1))
                value.append(chr(code))
                j += 2 + digits
            else:
                raise _malformed(line, "unknown escape \\%s at column %d" % (e, j + 1))
        if key in fields:
            raise _malformed(line, "key %s twice" % key)
        fields[key] = "".join(value)
        i = j + 1
    return fields


def unescape_text(line):
    """Undoes a text line's escapes, left to right, as for values: \\\\ \\( \\) \\: \\n \\r \\t \\xHH \\uHHHH.

    The console writes no other escape; a backslash before anything else is kept as it is.
    """
    if "\\" not in line:
        return line
    out = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        e = line[i + 1] if i + 1 < n else ""
        if c != "\\":
            out.append(c)
            i += 1
        elif e in ("\\", "(", ")", ":"):
            out.append(e)
            i += 2
        elif e in ("n", "r", "t"):
            out.append(_VALUE_ESCAPES[e])
            i += 2
        elif e == "x" and _hex(line, i + 2, 2) is not None:
            out.append(chr(_hex(line, i + 2, 2)))
            i += 4
        elif e == "u" and _hex(line, i + 2, 4) is not None:
            out.append(chr(_hex(line, i + 2, 4)))
            i += 6
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_error(line):
    """``(ERROR:CODE)(MESSAGE:text)`` -> GomdError."""
    fields = parse_record(line)
    code = fields.get("ERROR", "")
    message = fields.get("MESSAGE", code)
    if code not in ERROR_CODES:
        return GomdError("FAILED", "%s: %s" % (code, message))
    return GomdError(code, message)


def parse_body(line):
    """A body line -> dict (record) or str (text)."""
    for c in line:
        if (c < " " and c != "\t") or c == "\x7f":
            raise _protocol("raw control character %r in answer line" % c)
    return parse_record(line) if line.startswith("(") else unescape_text(line)


class GomdClient:
    """One console session with one gomd node. Not thread-safe: one client per thread.

    The connection is opened (and the handshake done) by the constructor; after a failure
    that leaves it out of step (timeout, closed, too large, garbage) it is closed and the next
    request opens a new one.
    """

    def __init__(self, host, port=DEFAULT_PORT, timeout=30.0, connect_timeout=5.0,
                 max_answer_bytes=8 << 20, max_request_bytes=4096):
        self.host = host
        self.port = port
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_answer_bytes = max_answer_bytes
        self.max_request_bytes = max_request_bytes
        self._sock = None
        self._buf = b""
        self._connect()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None
                self._buf = b""

    def run(self, line, timeout=None):
        """Runs one request line; returns its Result or raises GomdError."""
        result = Result()
        for item in self.stream(line, timeout):
            result.items.append(item)
        return result

    def stream(self, line, timeout=None):
        """Runs one request line, yielding each record or text line as it arrives.

        Raises GomdError at the end for an error answer (with ``partial`` empty: the items were
        already yielded) or when there is no whole answer.
        """
        request = self._encode(line)
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        if self._sock is None or not self._reusable():
            self.close()
            self._connect()
        clean = False
        try:
            self._send(request, deadline)
            budget = [self.max_answer_bytes]
            while True:
                answer = self._read_line(deadline, budget)
                if answer is None:
                    raise GomdError("UNAVAILABLE", "%s: connection closed before the end of the answer"
                                    % self._name())
                if answer == "(OK)":
                    clean = True
                    return
                if answer.startswith("(ERROR:"):
                    clean = True
                    raise parse_error(answer)
                yield parse_body(answer)
        finally:
            # Anything but a whole answer (an error, a timeout, a caller that stopped reading
            # the generator half way) leaves the connection out of step: drop it.
            if not clean:
                self.close()

    # ---- connection --------------------------------------------------------------------

    def _name(self):
        return "[%s]:%d" % (self.host, self.port) if ":" in self.host else "%s:%d" % (self.host, self.port)

    def _connect(self):
        deadline = time.monotonic() + self.connect_timeout
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except socket.timeout:
            raise GomdError("TIMEOUT", "%s: no connection within %s s" % (self._name(), self.connect_timeout))
        except OSError as e:
            raise GomdError("UNAVAILABLE", "%s: cannot connect: %s" % (self._name(), e))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buf = b""
        try:
            self._handshake(deadline)
        except BaseException:
            self.close()
            raise

    def _handshake(self, deadline):
        """Sends ``prompt off`` and skips the banner up to the line that ends with its (OK)."""
        self._send(b"prompt off\n", deadline)
        budget = [_MAX_GREETING_BYTES]
        while True:
            try:
                line = self._read_line(deadline, budget)
            except GomdError as e:
                if e.code == "TIMEOUT":
                    raise
                raise GomdError("FAILED", "%s: not a gomd console greeting: %s" % (self._name(), e.message))
            if line is None:
                raise GomdError("UNAVAILABLE", "%s: connection closed during the greeting" % self._name())
            error = line.find("(ERROR:")  # after the prompt if "prompt off" itself failed
            if error >= 0:
                refused = parse_error(line[error:])
                raise GomdError(refused.code, "%s: %s" % (self._name(), refused.message))
            if line.endswith("(OK)"):
                return

    def _reusable(self):
        """False when the peer closed the kept connection or sent something unasked (idle timeout)."""
        if self._buf:
            return False
        try:
            readable, _, _ = select.select([self._sock], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def _send(self, data, deadline):
        view = memoryview(data)
        while view:
            self._sock.settimeout(self._left(deadline))
            try:
                sent = self._sock.send(view)
            except socket.timeout:
                raise GomdError("TIMEOUT", "%s: the node does not read the request" % self._name())
            except OSError as e:
                raise GomdError("UNAVAILABLE", "%s: %s" % (self._name(), e))
            view = view[sent:]

    def _read_line(self, deadline, budget):
        """The next line (str, without its line end), None at end of stream; within budget[0] bytes."""
        scanned = 0  # the buffer before this offset holds no line end: search only what is new
        while True:
            end = self._buf.find(b"\n", scanned)
            if end >= 0:
                raw, self._buf = self._buf[:end], self._buf[end + 1:]
                budget[0] -= end + 1
                if budget[0] < 0:
                    raise GomdError("TOO_LARGE", "%s: answer larger than %d bytes"
                                    % (self._name(), self.max_answer_bytes))
                if raw.endswith(b"\r"):
                    raw = raw[:-1]
                try:
                    return raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise _protocol("%s: answer line is not valid UTF-8" % self._name())
            if len(self._buf) > budget[0]:
                raise GomdError("TOO_LARGE", "%s: answer larger than %d bytes" % (self._name(), self.max_answer_bytes))
            self._sock.settimeout(self._left(deadline))
            try:
                chunk = self._sock.recv(65536)
            except socket.timeout:
                raise GomdError("TIMEOUT", "%s: no complete answer in time" % self._name())
            except OSError as e:
                raise GomdError("UNAVAILABLE", "%s: %s" % (self._name(), e))
            if not chunk:
                return None  # bytes after the last line end are not a line
            scanned = len(self._buf)
            self._buf += chunk

    def _left(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise GomdError("TIMEOUT", "%s: no complete answer in time" % self._name())
        return left

    def _encode(self, line):
        """The request as sent; refused here if the console would misread it."""
        words = split(line)  # as the console will: a quoted 'quit' is still quit
        if not words:
            raise GomdError("BAD_REQUEST", "empty request")
        if words[0] in _SESSION_COMMANDS:
            raise GomdError("BAD_REQUEST", "'%s' is handled by the client itself (close the client instead)"
                            % words[0])
        data = line.encode("utf-8")
        if len(data) > self.max_request_bytes:
            raise GomdError("TOO_LARGE", "request of %d bytes, limit %d" % (len(data), self.max_request_bytes))
        return data + b"\n"


def _hex(s, i, digits):
    part = s[i:i + digits]
    if len(part) != digits or any(c not in _HEX for c in part):
        return None
    return int(part, 16)


def _protocol(what):
    return GomdError("FAILED", "protocol error: " + what)


def _malformed(line, what):
    shown = line if len(line) <= 80 else line[:80] + "..."
    return _protocol("malformed record (%s): %s" % (what, shown))
