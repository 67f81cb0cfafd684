#!/usr/bin/env bash
# gomd.rgs benchmark: time until N daemons on loopback all see each other, and until a daemon
# killed with kill -9 is reported FAILED by all others, for each N given (default 4 8 16).
# Builds the distribution when it is missing. Each daemon is a JVM (-Xmx192m): N=16 needs
# about 6 GB of memory and a few minutes on 2 cores.
#
#   bench/rgs/run.sh [N...]                 FAILURE_TIMEOUT_MS=3000 by default
set -euo pipefail

cd "$(dirname "$0")/../.."
dist=gomd.distribution/target/assembly
if [ ! -x "$dist/bin/gomd" ]; then
    echo "bench: building the distribution (mvn -q -B -DskipTests install -pl gomd.distribution -am)..." >&2
    mvn -q -B -DskipTests install -pl gomd.distribution -am
fi
[ $# -gt 0 ] || set -- 4 8 16
java bench/rgs/RgsBench.java "$dist" "${FAILURE_TIMEOUT_MS:-3000}" "$@"
echo "(rerun: bench/rgs/run.sh $*   with FAILURE_TIMEOUT_MS=${FAILURE_TIMEOUT_MS:-3000})"
