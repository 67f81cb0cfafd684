#!/usr/bin/env bash
# Console benchmark on a throwaway node: starts `./gomd -n` with its own home on port 22990,
# runs bench/console/ConsoleBench.java against it, stops the node.
#
#   bench/console/run.sh [CONNECTIONS [SECONDS [COMMAND]]]      defaults: 16 10 'get load'
#
# PORT changes the port; GOMD=/path/to/bin/gomd benchmarks an installed distribution instead
# of the checkout's ./gomd (which builds the distribution first when it is stale).
set -euo pipefail

cd "$(dirname "$0")/../.."
connections=${1:-16}
seconds=${2:-10}
command=${3:-get load}
port=${PORT:-22990}
gomd=${GOMD:-./gomd}

home=$(mktemp -d "${TMPDIR:-/tmp}/gomd-bench.XXXXXX")
node=""
stop_node() {
    if [ -n "$node" ] && kill -0 "$node" 2>/dev/null; then
        kill -TERM "$node"
        wait "$node" 2>/dev/null || true
    fi
    rm -rf "$home"
}
trap stop_node EXIT

# The default limits (8 connections per address, 64 in all) would refuse a larger benchmark;
# the launcher keeps files placed in etc/ before the first start.
mkdir -p "$home/etc"
limit=$((connections + 1)) # + the probe connection
[ "$limit" -ge 64 ] || limit=64
cat > "$home/etc/gomd.core.cfg" <<CFG
console.maxConnections = $limit
console.maxConnectionsPerAddress = $limit
CFG

echo "bench: starting a node (home $home, console port $port); log in $home/node.out" >&2
"$gomd" -n --home "$home" --port "$port" > "$home/node.out" 2>&1 &
node=$!

# ./gomd may build the distribution first: allow for it.
for ((i = 0; i < 600; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        break
    fi
    if ! kill -0 "$node" 2>/dev/null; then
        echo "bench: the node exited; last lines of $home/node.out:" >&2
        tail -n 20 "$home/node.out" >&2
        exit 1
    fi
    sleep 1
done

java bench/console/ConsoleBench.java 127.0.0.1 "$port" "$connections" "$seconds" "$command"
echo "node: $gomd -n --home DIR --port $port, with console.maxConnections and console.maxConnectionsPerAddress = $limit in DIR/etc/gomd.core.cfg"
printf 'rerun all: bench/console/run.sh %q %q %q\n' "$connections" "$seconds" "$command"
