# Shared by the load scripts (sourced, not run): builds the benchmarks module through the reactor,
# writes its class path, starts load apps with java -cp and stops them, by PID, however the script
# exits. Expects PORT, PORTS (how many ports from PORT on), JAVA, JAVA_OPTS and MVN_ARGS to be set.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
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

for ((port = PORT; port < PORT + PORTS; port++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is taken: set PORT" >&2
        exit 1
    fi
done

echo "== building (mvn $MVN_ARGS -pl benchmarks -am package)"
# build-classpath inside the reactor points at the modules' fresh jars, not at ~/.m2; the load apps
# need classes only, no Javadoc or sources jars
(cd "$root" && mvn -B -q $MVN_ARGS -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
    dependency:build-classpath -Dmdep.outputFile=target/web-classpath.txt)
classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/web-classpath.txt")"

start_server() { # name main-class port [spring args...]; sets server_pid
    local name=$1 main=$2 port=$3
    shift 3
    # shellcheck disable=SC2086
    "$JAVA" $JAVA_OPTS -cp "$classpath" "$main" --server.port="$port" "$@" >"$work/$name.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/iou"; then
            echo "   $name: ${main##*.} $* on port $port (pid $server_pid)"
            return
        fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "$name did not answer within 60s" >&2
    cat "$work/$name.log" >&2
    exit 1
}
