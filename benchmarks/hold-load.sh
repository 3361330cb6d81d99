#!/usr/bin/env bash
# Holds N (default 10,000) concurrent long-polling requests on IOU endpoints and on their peers in the
# same app and the same run: WebFlux (Reactor Netty) IOU against Mono (a Sinks.one()), Spring MVC
# (Tomcat) IOU against CompletableFuture. For each variant, in alternating rounds, HoldClient opens N
# connections to GET /hold/<variant>, waits until the app holds them all, measures the app's heap
# (used heap after full collections, minus before) and then has the app answer them all. Prints, per
# variant, the medians over the rounds of heap bytes and CPU microseconds per held request (the
# app's process CPU to accept, hold and answer them), and the ratios IOU / peer. Loopback only.
# Raises the open-file limit to what N connections on each side need. Stops its servers, by PID.
#
# Usage: benchmarks/hold-load.sh
# Environment (defaults in brackets): REQUESTS [10000], ROUNDS [3], PORT [18091] (uses PORT, PORT+1),
# JAVA [java], JAVA_OPTS [-Xms1g -Xmx1g], CLIENT_OPTS [-Xmx1g], MVN_ARGS [none; -o once downloaded].
set -euo pipefail

REQUESTS=${REQUESTS:-10000}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18091}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
CLIENT_OPTS=${CLIENT_OPTS:--Xmx1g}
MVN_ARGS=${MVN_ARGS:-}
PORTS=2

# each held request is a socket in the app and one in the client, plus what the JVMs have open
needed=$((REQUESTS + 4096))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$needed" ]; then
    ulimit -n "$needed" 2>/dev/null || { echo "cannot raise the open-file limit to $needed (ulimit -Hn is $(ulimit -Hn))" >&2; exit 1; }
fi

# shellcheck source=load-lib.sh
. "$(dirname "$0")/load-lib.sh"

echo "== starting servers (open-file limit $(ulimit -n))"
# long enough for any round: the IOU timeout stays on, as by default, but never fires
start_server webflux io.iou.benchmarks.web.WebFluxLoadApp "$PORT" --iou.web.timeout=5m
start_server mvc io.iou.benchmarks.web.MvcLoadApp $((PORT + 1)) --server.tomcat.max-connections=$((REQUESTS + 1000)) \
    --server.tomcat.accept-count=$REQUESTS --spring.mvc.async.request-timeout=5m

hold() { # variant base-url path: appends "heap-bytes cpu-us" per request to $work/variant
    local line
    # shellcheck disable=SC2086
    line=$("$JAVA" $CLIENT_OPTS -cp "$classpath" io.iou.benchmarks.web.HoldClient "$2" "$3" "$REQUESTS")
    echo "   $1: $line"
    awk '{ print $2, $3 }' <<<"$line" >>"$work/$1"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

ratio_median() { # variant baseline column
    paste -d' ' <(cut -d' ' -f"$3" "$work/$1") <(cut -d' ' -f"$3" "$work/$2") | awk '{ print $1 / $2 }' | median
}

summarise() { # variant baseline
    printf "%-22s heap %6.0f B/request  cpu %6.1f us/request   vs %-20s heap %.3fx  cpu %.3fx\n" "$1" \
        "$(cut -d' ' -f1 "$work/$1" | median)" "$(cut -d' ' -f2 "$work/$1" | median)" "$2" \
        "$(ratio_median "$1" "$2" 1)" "$(ratio_median "$1" "$2" 2)"
    printf "%-22s heap %6.0f B/request  cpu %6.1f us/request\n" "$2" \
        "$(cut -d' ' -f1 "$work/$2" | median)" "$(cut -d' ' -f2 "$work/$2" | median)"
}

flux=http://127.0.0.1:$PORT
mvc=http://127.0.0.1:$((PORT + 1))
echo "== warming up"
hold warm-flux "$flux" /hold/iou
hold warm-flux "$flux" /hold/mono
hold warm-mvc "$mvc" /hold/iou
hold warm-mvc "$mvc" /hold/future
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round"
    hold webflux-iou "$flux" /hold/iou
    hold webflux-mono "$flux" /hold/mono
    hold mvc-iou "$mvc" /hold/iou
    hold mvc-completablefuture "$mvc" /hold/future
done

echo
echo "== medians of $ROUNDS rounds of $REQUESTS held requests; ratios are medians of per-round ratios"
echo "   $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), app $JAVA_OPTS"
summarise webflux-iou webflux-mono
summarise mvc-iou mvc-completablefuture
