#!/usr/bin/env bash
# Loads controllers returning IOU against the same endpoint returning Mono (WebFlux, Reactor Netty)
# and CompletableFuture (Spring MVC, Tomcat), each computed on the same pool, with wrk on loopback.
# Builds the benchmarks module, starts WebFluxLoadApp and MvcLoadApp with java -cp, warms each
# endpoint up, then loads the two variants of a stack in alternating rounds (so that drift in the
# machine's load hits both alike) and prints req/s and p99 (medians over the rounds) and the ratios.
# Stops the servers it started, by PID, however it exits.
#
# Usage: benchmarks/web-load.sh
# Environment (defaults in brackets): THREADS [2], CONNECTIONS [64], DURATION [10s] per round,
# WARMUP [10s] per endpoint, ROUNDS [3], FLUX_PORT [18081], MVC_PORT [18082],
# JAVA [java], JAVA_OPTS [-Xms512m -Xmx512m], MVN_ARGS [-o].
set -euo pipefail

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-3}
FLUX_PORT=${FLUX_PORT:-18081}
MVC_PORT=${MVC_PORT:-18082}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
MVN_ARGS=${MVN_ARGS:--o}

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pids=()

stop_servers() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap stop_servers EXIT

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
for port in "$FLUX_PORT" "$MVC_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is taken: set FLUX_PORT / MVC_PORT" >&2
        exit 1
    fi
done

echo "== building (mvn $MVN_ARGS -pl benchmarks -am package)"
# build-classpath inside the reactor points at the modules' fresh jars, not at ~/.m2
(cd "$root" && mvn -B -q $MVN_ARGS -pl benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/web-classpath.txt)
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/web-classpath.txt")"

start_server() { # main-class port
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS -cp "$classpath" "$1" --server.port="$2" >"$work/$2.log" 2>&1 &
    pids+=("$!")
    local pid=$!
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "http://127.0.0.1:$2/iou"; then
            echo "   $1 up on port $2 (pid $pid)"
            return
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$work/$2.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "$1 did not answer within 60s" >&2
    cat "$work/$2.log" >&2
    exit 1
}

# wrk's latency in milliseconds, whatever unit it printed
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.3f", n }'
}

warm() { # url: JIT and pools warm up; errors (wrk's 2s timeouts while cold) do not count
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
}

load() { # url duration -> "req/s p99ms"
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "$1")
    if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
        echo "errors while loading $1:" >&2
        echo "$out" >&2
        exit 1
    fi
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    echo "$rps $(to_ms "$p99")"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

compare() { # stack port iou-path other-path other-name
    local stack=$1 port=$2 base="http://127.0.0.1:$2"
    echo "== $stack: warming up $3 and $4 ($WARMUP each)"
    warm "$base$3"
    warm "$base$4"
    : >"$work/$stack-iou" && : >"$work/$stack-other"
    for round in $(seq 1 "$ROUNDS"); do
        local a b
        a=$(load "$base$3" "$DURATION")
        b=$(load "$base$4" "$DURATION")
        echo "   round $round: IOU $a | $5 $b   (req/s p99-ms)"
        echo "$a" >>"$work/$stack-iou"
        echo "$b" >>"$work/$stack-other"
    done
    local iou_rps iou_p99 other_rps other_p99
    iou_rps=$(cut -d' ' -f1 "$work/$stack-iou" | median)
    iou_p99=$(cut -d' ' -f2 "$work/$stack-iou" | median)
    other_rps=$(cut -d' ' -f1 "$work/$stack-other" | median)
    other_p99=$(cut -d' ' -f2 "$work/$stack-other" | median)
    awk -v s="$stack" -v o="$5" -v ir="$iou_rps" -v ip="$iou_p99" -v orr="$other_rps" -v op="$other_p99" 'BEGIN {
        printf "%-8s %-18s %12.0f req/s   p99 %8.2f ms\n", s, "IOU", ir, ip
        printf "%-8s %-18s %12.0f req/s   p99 %8.2f ms\n", s, o, orr, op
        printf "%-8s IOU/%-14s %12.3fx req/s  p99 %8.3fx\n", s, o, ir / orr, ip / op }' >>"$work/summary"
}

echo "== starting servers"
start_server io.iou.benchmarks.web.WebFluxLoadApp "$FLUX_PORT"
start_server io.iou.benchmarks.web.MvcLoadApp "$MVC_PORT"

compare webflux "$FLUX_PORT" /iou /mono Mono
compare mvc "$MVC_PORT" /iou /future CompletableFuture

echo
echo "== medians of $ROUNDS rounds, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
cat "$work/summary"
