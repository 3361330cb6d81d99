#!/usr/bin/env bash
# How long the demo takes to stop right after a hedged request whose primary is very slow (issue 15):
# starts the packaged demo on loopback, sends one /race request (the primary takes ten minutes, the
# replica answers at once), then sends SIGTERM and prints the time until the JVM exits and Boot's
# graceful-shutdown line. With losers left running, shutdown waits out the whole graceful period.
#
#   mvn -B -q -pl demo-app -am package -DskipTests && benchmarks/hedged-shutdown.sh [jar] [port]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-demo-app/target/demo-app-0.1.0-SNAPSHOT.jar}
port=${2:-18181}
log=$(mktemp)
java -jar "$jar" --server.port="$port" --server.address=127.0.0.1 >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health" && break
  sleep 0.5
done
curl -s "http://127.0.0.1:$port/race/bob?primaryDelayMs=600000&replicaDelayMs=0&timeoutMs=30000"
echo
start=$(date +%s%N)
kill -TERM "$pid"
wait "$pid" || true
end=$(date +%s%N)
echo "exit after SIGTERM: $(( (end - start) / 1000000 )) ms"
grep -E "Graceful shutdown" "$log" || true
rm -f "$log"
