#!/usr/bin/env bash
# Loads a controller returning IOU against the same endpoint returning Mono (WebFlux, Reactor
# Netty) and CompletableFuture (Spring MVC, Tomcat), each computed on the same pool, with wrk on
# loopback. Builds the benchmarks module, starts the load apps with java -cp, warms every endpoint
# up, then loads the variants of a stack in alternating rounds, so that changes in the machine's
# load hit them alike. Prints, per variant, the medians over the rounds of req/s, p99 latency and the
# server's CPU time per request (user + sys of its JVM, which depends far less on other processes
# than req/s does), and the medians of the per-round ratios IOU / other. With UNTIMED=1, WebFlux's
# IOU is also loaded on a second WebFlux app with iou.web.timeout=0 (no timer), which shows what the
# default 30s timer costs. Stops the servers it started, by PID, however it exits.
# On a busy machine req/s over loopback swings by tens of percent between rounds; for a steadier
# figure of what an IOU costs per request, run io.iou.benchmarks.web.WebPipelineCpu afterwards
# (same apps, in-process, no network; see its Javadoc for the command).
#
# Usage: benchmarks/web-load.sh
# Environment (defaults in brackets): THREADS [2], CONNECTIONS [64], DURATION [5s] per round,
# WARMUP [20s] per endpoint, ROUNDS [9], UNTIMED [0], PORT [18081] (uses PORT..PORT+2),
# JAVA [java], JAVA_OPTS [-Xms512m -Xmx512m], MVN_ARGS [none; -o once everything is downloaded].
set -euo pipefail

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-20s}
ROUNDS=${ROUNDS:-9}
UNTIMED=${UNTIMED:-0}
PORT=${PORT:-18081}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
MVN_ARGS=${MVN_ARGS:-}

PORTS=3
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=load-lib.sh
. "$(dirname "$0")/load-lib.sh"
ticks_per_second=$(getconf CLK_TCK)

cpu_ticks() { # pid -> user + sys clock ticks of the process
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

to_ms() { # wrk latency (us, ms, s) -> ms
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.3f", n }'
}

warm() { # url: JIT and pools warm up; errors (wrk's 2s timeouts while cold) do not count
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
}

measure() { # variant url pid: appends "req/s p99-ms cpu-us/request" to $work/variant
    local out before after
    before=$(cpu_ticks "$3")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
    after=$(cpu_ticks "$3")
    if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
        echo "errors while loading $2:" >&2
        echo "$out" >&2
        exit 1
    fi
    local rps p99 requests
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    awk -v r="$rps" -v p="$p99" -v t=$((after - before)) -v n="$requests" -v hz="$ticks_per_second" \
        'BEGIN { printf "%s %s %.1f\n", r, p, t * 1e6 / hz / n }' | tee -a "$work/$1"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

column_median() { cut -d' ' -f"$2" "$work/$1" | median; }

ratio_median() { # variant baseline column: median over rounds of variant / baseline
    paste -d' ' <(cut -d' ' -f"$3" "$work/$1") <(cut -d' ' -f"$3" "$work/$2") | awk '{ print $1 / $2 }' | median
}

run_stack() { # title variant=url=pid...
    local title=$1 spec name url pid result
    shift
    echo "== $title: warming up ($WARMUP per endpoint)"
    for spec in "$@"; do
        IFS='=' read -r name url pid <<<"$spec"
        warm "$url"
    done
    for round in $(seq 1 "$ROUNDS"); do
        for spec in "$@"; do
            IFS='=' read -r name url pid <<<"$spec"
            result=$(measure "$name" "$url" "$pid")
            printf "   round %s %-22s req/s p99-ms cpu-us/req: %s\n" "$round" "$name" "$result"
        done
    done
}

summarise() { # variant baseline
    printf "%-26s %9.0f req/s  p99 %7.2f ms  cpu %6.1f us/req   vs %-18s req/s %.3fx  p99 %.3fx  cpu %.3fx\n" \
        "$1" "$(column_median "$1" 1)" "$(column_median "$1" 2)" "$(column_median "$1" 3)" "$2" \
        "$(ratio_median "$1" "$2" 1)" "$(ratio_median "$1" "$2" 2)" "$(ratio_median "$1" "$2" 3)"
}

baseline() { # variant
    printf "%-26s %9.0f req/s  p99 %7.2f ms  cpu %6.1f us/req\n" \
        "$1" "$(column_median "$1" 1)" "$(column_median "$1" 2)" "$(column_median "$1" 3)"
}

echo "== starting servers"
start_server webflux io.iou.benchmarks.web.WebFluxLoadApp "$PORT"
flux=$server_pid
start_server mvc io.iou.benchmarks.web.MvcLoadApp $((PORT + 1))
mvc=$server_pid
flux_variants=("webflux-iou=http://127.0.0.1:$PORT/iou=$flux" "webflux-mono=http://127.0.0.1:$PORT/mono=$flux")
if [ "$UNTIMED" = 1 ]; then
    start_server webflux-untimed io.iou.benchmarks.web.WebFluxLoadApp $((PORT + 2)) --iou.web.timeout=0
    flux_variants+=("webflux-iou-no-timeout=http://127.0.0.1:$((PORT + 2))/iou=$server_pid")
fi

run_stack WebFlux "${flux_variants[@]}"
run_stack "Spring MVC" "mvc-iou=http://127.0.0.1:$((PORT + 1))/iou=$mvc" \
    "mvc-completablefuture=http://127.0.0.1:$((PORT + 1))/future=$mvc"

echo
echo "== medians of $ROUNDS rounds; ratios are medians of per-round ratios"
echo "   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
baseline webflux-mono
summarise webflux-iou webflux-mono
if [ "$UNTIMED" = 1 ]; then
    summarise webflux-iou-no-timeout webflux-mono
fi
baseline mvc-completablefuture
summarise mvc-iou mvc-completablefuture
