#!/usr/bin/env bash
# SCX benchmark: `cwc -f N true` on N local gomd daemons, next to pdsh running `true` for the same
# N targets with `-R exec` (local fork/exec per target: the floor of any parallel shell) and, when
# an sshd is installed, `-R ssh` (what pdsh users run) against a private sshd on loopback.
#
#   bench/scx/run.sh [N...]                 default: 4 16 64
#
# Environment: RUNS timed runs per tool and N after 2 warm-ups (default 10); PORT first console
# port (default 26100; nodes are 10 apart, so 64 nodes use 26100-26739); HEAP max heap per
# daemon (default 128m); SSH_PORT of the private sshd (default 26999); GOMD=/path/to/bin/gomd
# benchmarks an installed distribution instead of the checkout's ./gomd (which builds the
# distribution first when it is stale); KEEP=1 leaves the node homes in place.
#
# All daemons form one cluster (gomd.rgs, unicast seeds); N daemons are chosen with -w 1-N.
# The largest N is capped by memory (about HEAP + 160 MiB per daemon, 80 % of MemAvailable) and
# by CPU: an idle daemon takes a few % of a core (core's 1 s sampler, membership), so more than
# 12 per core saturate the machine before anything is measured (measured: 25 idle daemons took
# about one core of two). MAX_NODES overrides the CPU cap.
# pdsh comes from Debian's package, installed with apt-get when missing (as root).
set -euo pipefail

cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(4 16 64)
runs=${RUNS:-10}
port0=${PORT:-26100}
heap=${HEAP:-128m}
ssh_port=${SSH_PORT:-26999}
gomd=${GOMD:-./gomd}
key="bench-scx-cluster-key-$(od -An -tx8 -N16 /dev/urandom | tr -d ' \n')"

work=$(mktemp -d "${TMPDIR:-/tmp}/gomd-bench-scx.XXXXXX")
started=()
sshd_pid=""
cleanup() {
    local home stoppers=()
    [ -z "$sshd_pid" ] || kill "$sshd_pid" 2>/dev/null || true
    for home in "${started[@]+"${started[@]}"}"; do
        "$gomd" stop --home "$home" > /dev/null 2>&1 &
        stoppers+=($!)
    done
    for pid in "${stoppers[@]+"${stoppers[@]}"}"; do wait "$pid" || true; done
    if [ "${KEEP:-}" = 1 ]; then echo "bench: homes kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "bench: $*" >&2; }

# ---- tools ---------------------------------------------------------------------------------
if ! command -v pdsh > /dev/null; then
    say "installing pdsh (Debian package) with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pdsh > /dev/null
fi

# The client: compiled once (the source launcher would compile it at every call).
javac -d "$work/classes" bench/scx/CwcBench.java
client() { java -cp "$work/classes" CwcBench "$@"; }

# ---- how many daemons fit --------------------------------------------------------------------
heap_mib=$(( $(numfmt --from=iec "${heap^^}") / 1048576 ))
avail_mib=$(( $(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) / 1024 ))
fit=$(( avail_mib * 8 / 10 / (heap_mib + 160) ))
cpu_fit=${MAX_NODES:-$(( $(nproc) * 12 ))}
want=0
kept=()
for n in "${sizes[@]}"; do
    if [ "$n" -gt "$fit" ]; then
        say "N=$n skipped: $n daemons need about $(( n * (heap_mib + 160) )) MiB, $avail_mib MiB available"
    elif [ "$n" -gt "$cpu_fit" ]; then
        say "N=$n skipped: more than $cpu_fit idle daemons saturate $(nproc) cores (MAX_NODES=$n to try anyway)"
    else
        kept+=("$n")
        [ "$n" -le "$want" ] || want=$n
    fi
done
[ "$want" -gt 0 ] || { say "no N fits in memory"; exit 1; }

# ---- the daemons -----------------------------------------------------------------------------
seeds="127.0.0.1:$port0,127.0.0.1:$((port0 + 10)),127.0.0.1:$((port0 + 20))"
start_node() { # NUMBER
    local i=$1 home=$work/n$1
    mkdir -p "$home/etc/gomd"
    printf 'true:SCX_NO_ACL_CHECK_REQUIRED\n' > "$home/etc/gomd/scx.conf"
    printf '%s\n' "$key" > "$home/etc/gomd/cluster.key"
    chmod 600 "$home/etc/gomd/cluster.key"
    # cwc's fan-out is -f N: let node #1 run all N at once.
    printf 'cwc.maxFanout = 1024\n' > "$home/etc/gomd.scx.cfg"
    JAVA_MAX_MEM=$heap EXTRA_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k" \
        "$gomd" --home "$home" --port $((port0 + 10 * (i - 1))) --node-id "$i" --features gomd-rgs,gomd-scx \
        --seeds "$seeds" > "$home/start.out" 2>&1 || { cat "$home/start.out" >&2; return 1; }
    started+=("$home")
}
wait_console() { # NUMBER: until node NUMBER's console accepts connections (10 min at most)
    local k p=$((port0 + 10 * ($1 - 1)))
    for ((k = 0; k < 600; k++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 0; fi
        sleep 1
    done
    say "node #$1 did not start; see $work/n$1/log"
    return 1
}

say "starting $want daemons (heap $heap each), homes in $work"
t0=$(date +%s)
batch=8
for ((i = 1; i <= want; i += batch)); do
    for ((j = i; j < i + batch && j <= want; j++)); do
        start_node "$j"
    done
    for ((j = i; j < i + batch && j <= want; j++)); do
        wait_console "$j"
    done
    say "$((j - 1)) daemons up ($(( $(date +%s) - t0 )) s)"
done

say "waiting for all $want to see each other"
alive=0
for ((k = 0; k < 600; k++)); do
    alive=$(client 127.0.0.1 "$port0" 0 0 nodes 2>/dev/null | grep -c '(STATE:ALIVE)' || true)
    [ "$alive" -lt "$want" ] || break
    sleep 1
done
[ "$alive" -ge "$want" ] || { say "only $alive of $want nodes alive after 600 s"; exit 1; }
# Membership comes up before every feature has finished installing: wait until cwc works on every
# node. A node where gomd.scx has not come up a minute after its first start is restarted once
# (at a first start under load, gomd.core's command registry can meet a DS service cycle).
not_ready() { # prints the numbers of the nodes where cwc did not exit 0
    local answer
    answer=$(client 127.0.0.1 "$port0" 0 0 "cwc -f $want true" 2>/dev/null || true)
    if ! grep -q "^(NODES:$want)" <<< "$answer"; then
        echo 1 # node #1 itself cannot run cwc yet
        return
    fi
    sed -n 's/^(NODE:\([0-9]*\)).*(STATE:\([A-Z]*\))(EXIT:\([0-9]*\)).*/\1 \2 \3/p' <<< "$answer" \
        | awk '$2 != "EXITED" || $3 != 0 {print $1}'
}
declare -A failing_since restarted
for ((k = 0; k < 600; k++)); do
    bad=$(not_ready)
    [ -n "$bad" ] || break
    for i in $bad; do
        : "${failing_since[$i]:=$k}"
        if [ $((k - failing_since[$i])) -ge 60 ] && [ -z "${restarted[$i]:-}" ]; then
            say "gomd.scx not answering on node #$i for 60 s: restarting it once"
            "$gomd" stop --home "$work/n$i" > /dev/null
            start_node "$i"
            wait_console "$i"
            restarted[$i]=1
        fi
    done
    sleep 1
done
[ -z "$bad" ] || { say "cwc does not work on node(s) $(echo $bad); see $work/nN/log/karaf.log"; exit 1; }

# ---- private sshd for pdsh -R ssh ------------------------------------------------------------
ssh_ok=false
if [ -x /usr/sbin/sshd ]; then
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
    cp "$work/user_key.pub" "$work/authorized_keys"
    {
        echo "Port $ssh_port"
        for ((i = 1; i <= want; i++)); do echo "ListenAddress 127.0.0.$i"; done
        echo "HostKey $work/host_key"
        echo "AuthorizedKeysFile $work/authorized_keys"
        echo "PidFile $work/sshd.pid"
        echo "StrictModes no"
        echo "PermitRootLogin prohibit-password"
        echo "PasswordAuthentication no"
        echo "MaxStartups 1024"
        echo "UsePAM no"
    } > "$work/sshd_config"
    mkdir -p /run/sshd
    /usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
    sshd_pid=$!
    export PDSH_SSH_ARGS_APPEND="-p $ssh_port -i $work/user_key -o StrictHostKeyChecking=no \
-o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
    for ((k = 0; k < 50; k++)); do
        if pdsh -R ssh -w 127.0.0.1 true 2>/dev/null; then ssh_ok=true; break; fi
        sleep 0.2
    done
    $ssh_ok || say "private sshd did not accept logins; see $work/sshd.log"
else
    say "pdsh -R ssh skipped: no /usr/sbin/sshd (apt-get install openssh-server to include it)"
fi

# ---- measurements ----------------------------------------------------------------------------
time_runs() { # COMMAND... : RUNS timed runs after 2 warm-ups; prints "median min max" in ms
    local i t0 t1 ms=()
    for ((i = 0; i < runs + 2; i++)); do
        t0=$(date +%s%N)
        "$@" > /dev/null || { say "failed: $*"; return 1; }
        t1=$(date +%s%N)
        [ "$i" -lt 2 ] || ms+=("$(( (t1 - t0) / 1000 ))")
    done
    printf '%s\n' "${ms[@]}" | sort -n | awk '{a[NR] = $1} END {
        m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.1f %.1f %.1f\n", m / 1000, a[1] / 1000, a[NR] / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

results=()
for n in "${kept[@]}"; do
    say "N=$n: cwc"
    cwc=$(client 127.0.0.1 "$port0" "$n" "$runs" "cwc -w 1-$n -f $n true" | awk '/^RESULT/ {print $2, $3, $4}')
    say "N=$n: pdsh -R exec"
    exe=$(time_runs pdsh -R exec -f "$n" -w "node[1-$n]" true)
    ssh="- - -"
    if $ssh_ok; then
        say "N=$n: pdsh -R ssh"
        ssh=$(time_runs pdsh -R ssh -f "$n" -w "127.0.0.[1-$n]" true)
    fi
    results+=("$n $cwc $exe $ssh")
done

echo
echo "SCX benchmark: one run = every one of N targets runs 'true' and reports back; ms per run, median of $runs (min-max)"
printf '%5s  %-24s %-24s %-24s %14s %14s\n' N "gomd cwc" "pdsh -R exec" "pdsh -R ssh" "cwc/pdsh-exec" "cwc/pdsh-ssh"
for r in "${results[@]}"; do
    read -r n c1 c2 c3 e1 e2 e3 s1 s2 s3 <<< "$r"
    ssh_ratio="-"
    [ "$s1" = - ] || ssh_ratio=$(ratio "$c1" "$s1")
    printf '%5s  %-24s %-24s %-24s %14s %14s\n' "$n" "$c1 ($c2-$c3)" "$e1 ($e2-$e3)" \
        "$( [ "$s1" = - ] && echo "skipped" || echo "$s1 ($s2-$s3)")" "$(ratio "$c1" "$e1")" "$ssh_ratio"
done
echo
echo "cwc: node #1's console, 'cwc -w 1-N -f N true' (N daemons of one cluster, heap $heap, default policy checks,"
echo "     signed daemon-to-daemon requests, setsid + timeout + true per node); pdsh -f N, same N targets."
printf 'rerun: RUNS=%q HEAP=%q PORT=%q bench/scx/run.sh %s\n' "$runs" "$heap" "$port0" "${sizes[*]}"
