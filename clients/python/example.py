#!/usr/bin/env python3
"""Prints a gomd node's load, memory and network values.

    python3 example.py HOST PORT           one line per record: SOURCE KEY=VALUE ...
    python3 example.py --json HOST PORT    the same as JSON: {"load": [{...}], "mem": [...], "netload": [...]}

Exit code 0, or 1 with the error (its code and message) on stderr.
"""

import json
import sys

from gomd_client import GomdClient, GomdError

SOURCES = ("load", "mem", "netload")


def main(argv):
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    if len(args) != 2:
        print("usage: example.py [--json] HOST PORT", file=sys.stderr)
        return 2
    host = args[0]
    try:
        port = int(args[1])
    except ValueError:
        print("usage: example.py [--json] HOST PORT (PORT a number, not %r)" % args[1], file=sys.stderr)
        return 2
    try:
        with GomdClient(host, port, timeout=10) as node:
            values = {source: node.run("get " + source).records for source in SOURCES}
    except GomdError as e:
        print("example.py: %s:%d: %s %s" % (host, port, e.code, e.message), file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(values, indent=1))
    else:
        for source in SOURCES:
            for record in values[source]:
                print(source, " ".join("%s=%s" % kv for kv in record.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
