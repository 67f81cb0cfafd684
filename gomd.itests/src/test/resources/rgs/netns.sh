#!/usr/bin/env bash
#
# Test hosts for gomd.rgs's real-multicast test: N network namespaces gomdrgs1..N joined by
# the bridge gomdrgs0, each with one veth (eth0, 198.18.89.K/24) and its own loopback; the
# bridge (198.18.89.254/24) lets the test JVM reach each node's console. 198.18.0.0/15 is
# reserved for network tests (RFC 2544): these addresses exist only on this machine.
#
#   netns.sh up N     make them (removing leftovers of an earlier run first)
#   netns.sh down N   remove them
#
# Needs root (CAP_NET_ADMIN) and iproute2; installs iproute2 with apt-get when `ip` is missing.
# Exits non-zero with the reason on stderr when the namespaces cannot be made.

set -euo pipefail

PREFIX=gomdrgs
BRIDGE=${PREFIX}0
NET=198.18.89

die() {
    echo "netns.sh: $*" >&2
    exit 1
}

need_ip() {
    command -v ip >/dev/null 2>&1 && return 0
    [ "$(id -u)" = 0 ] || die "'ip' (iproute2) is missing and only root can install it"
    command -v apt-get >/dev/null 2>&1 || die "'ip' (iproute2) is missing and there is no apt-get"
    echo "netns.sh: installing iproute2" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q iproute2 >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q iproute2 >&2; } ||
        die "cannot install iproute2"
}

down() {
    local n=$1 k
    for ((k = 1; k <= n; k++)); do
        ip netns del "$PREFIX$k" 2>/dev/null || true
        ip link del "v$PREFIX$k" 2>/dev/null || true
    done
    ip link del "$BRIDGE" 2>/dev/null || true
}

up() {
    local n=$1 k ns
    [ "$(id -u)" = 0 ] || die "network namespaces need root (running as uid $(id -u))"
    need_ip
    down "$n"
    ip link add "$BRIDGE" type bridge || die "cannot make bridge $BRIDGE (no CAP_NET_ADMIN?)"
    # Flood multicast to every port: no IGMP querier runs on this bridge.
    ip link set "$BRIDGE" type bridge mcast_snooping 0
    ip addr add "$NET.254/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
    for ((k = 1; k <= n; k++)); do
        ns=$PREFIX$k
        ip netns add "$ns" || die "cannot make network namespace $ns"
        ip link add "v$ns" type veth peer name eth0 netns "$ns"
        ip link set "v$ns" master "$BRIDGE" up
        ip -n "$ns" addr add "$NET.$k/24" dev eth0
        ip -n "$ns" link set lo up
        ip -n "$ns" link set eth0 up multicast on
        ip -n "$ns" route add 224.0.0.0/4 dev eth0
    done
}

case "${1:-}" in
    up) up "${2:?netns.sh up N}" ;;
    down) down "${2:?netns.sh down N}" ;;
    *) die "usage: netns.sh up|down N" ;;
esac
