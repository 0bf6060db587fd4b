#!/usr/bin/env bash
# A single-node Kafka (KRaft) for dev, CI and integration tests on machines without Docker:
# the broker's jars come from Maven Central through pom.xml, and it runs as a plain `java`.
#
#   kafka.sh up            resolve jars once, format storage once, start, wait until it answers
#   kafka.sh down [--wipe] stop (SIGTERM, then SIGKILL); --wipe or KAFKA_WIPE=1 deletes its data
#   kafka.sh status        exit 0 running, 1 stopped
#   kafka.sh logs [-f]     tail the broker log (KAFKA_LOG_LINES lines, default 100)
set -euo pipefail

HERE="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_RUN_DIR="${KAFKA_RUN_DIR:-$HERE/.run}"
KAFKA_CACHE_DIR="${KAFKA_CACHE_DIR:-$HERE/.cache}"
KAFKA_HEAP="${KAFKA_HEAP:--Xmx512m -Xms256m}"
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:ParallelGCThreads=2 -XX:ConcGCThreads=1 -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_OFFSETS_PARTITIONS="${KAFKA_OFFSETS_PARTITIONS:-10}"
KAFKA_LOG_LINES="${KAFKA_LOG_LINES:-100}"
KAFKA_WIPE="${KAFKA_WIPE:-0}"

LIBS_DIR="$KAFKA_CACHE_DIR/libs"
MARKER="$LIBS_DIR/.kafka-version"
DATA_DIR="$KAFKA_RUN_DIR/data"
LOGS_DIR="$KAFKA_RUN_DIR/logs"
CONFIG="$KAFKA_RUN_DIR/server.properties"
PID_FILE="$KAFKA_RUN_DIR/kafka.pid"
CLUSTER_ID_FILE="$KAFKA_RUN_DIR/cluster.id"
SERVER_LOG="$LOGS_DIR/server.log"
CONSOLE_LOG="$LOGS_DIR/kafka.out"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
STARTED_LINE="Kafka Server started"

say() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: error: %s\n' "$*" >&2; exit 1; }

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "java not found (Kafka 4 needs Java 17+); set JAVA_HOME or install a JDK"
    fi
}

# The version pinned in pom.xml stamps the jar cache, so bumping it re-resolves.
pinned_version() {
    sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml" | head -n 1
}

# Our broker is the pid in the pid file, alive, and started with our config (guards pid reuse).
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$CONFIG"; then
        return 1
    fi
    printf '%s\n' "$pid"
}

port_answers() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

resolve_jars() {
    local version
    version="$(pinned_version)"
    [[ -n "$version" ]] || die "no <kafka.version> in $HERE/pom.xml"
    if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$version" ]]; then
        return 0
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn not found: needed once to fetch the Kafka $version jars"
    say "resolving Kafka $version jars into $LIBS_DIR (once)"
    rm -rf "$LIBS_DIR"
    mkdir -p "$LIBS_DIR"
    local -a mvn_args=(-B -q -f "$HERE/pom.xml" dependency:copy-dependencies
        "-DoutputDirectory=$LIBS_DIR" -DincludeScope=runtime)
    # Offline first: a warm ~/.m2 needs no network; fall back to Maven Central otherwise.
    if ! mvn -o "${mvn_args[@]}" >/dev/null 2>&1; then
        local log="$KAFKA_CACHE_DIR/mvn.log"
        if ! mvn "${mvn_args[@]}" >"$log" 2>&1; then
            tail -n 40 "$log" >&2
            die "mvn could not resolve the Kafka jars (full log: $log)"
        fi
    fi
    printf '%s\n' "$version" >"$MARKER"
}

write_config() {
    mkdir -p "$DATA_DIR" "$LOGS_DIR"
    sed -e "s|@PORT@|$KAFKA_PORT|g" \
        -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
        -e "s|@DATA_DIR@|$DATA_DIR|g" \
        -e "s|@OFFSETS_PARTITIONS@|$KAFKA_OFFSETS_PARTITIONS|g" \
        "$HERE/server.properties.template" >"$CONFIG.tmp"
    mv "$CONFIG.tmp" "$CONFIG"
}

run_java() {
    local java
    java="$(java_bin)"
    "$java" $KAFKA_HEAP $KAFKA_JVM_OPTS \
        "-Dkafka.logs.dir=$LOGS_DIR" \
        "-Dlog4j2.configurationFile=$HERE/log4j2.xml" \
        -cp "$LIBS_DIR/*" "$@"
}

format_storage() {
    [[ -f "$DATA_DIR/meta.properties" ]] && return 0
    if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
        run_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$CLUSTER_ID_FILE"
        [[ -s "$CLUSTER_ID_FILE" ]] || die "could not generate a cluster id"
    fi
    say "formatting KRaft storage in $DATA_DIR (cluster id $(cat "$CLUSTER_ID_FILE"))"
    local out
    if ! out="$(run_java kafka.tools.StorageTool format -t "$(cat "$CLUSTER_ID_FILE")" \
        -c "$CONFIG" --ignore-formatted 2>&1)"; then
        printf '%s\n' "$out" >&2
        die "formatting storage failed"
    fi
}

print_tail() {
    {
        echo "---- last lines of $SERVER_LOG ----"
        tail -n 40 "$SERVER_LOG" 2>/dev/null || true
        echo "---- last lines of $CONSOLE_LOG ----"
        tail -n 20 "$CONSOLE_LOG" 2>/dev/null || true
    } >&2
}

cmd_up() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid) at $BOOTSTRAP"
        return 0
    fi
    if [[ -f "$PID_FILE" ]]; then
        say "removing stale pid file"
        rm -f "$PID_FILE"
    fi
    for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
        if port_answers "$port"; then
            die "port 127.0.0.1:$port is taken by another process; set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
        fi
    done

    local t0=$SECONDS
    resolve_jars
    write_config
    format_storage

    # Read the log only from here on, so an earlier run's "started" line cannot fool the wait.
    local offset=0
    [[ -f "$SERVER_LOG" ]] && offset="$(stat -c %s "$SERVER_LOG")"

    local java
    java="$(java_bin)"
    # setsid: the broker outlives this shell and ignores the caller's Ctrl-C / SIGHUP.
    # shellcheck disable=SC2086
    setsid nohup "$java" $KAFKA_HEAP $KAFKA_JVM_OPTS \
        "-Dkafka.logs.dir=$LOGS_DIR" \
        "-Dlog4j2.configurationFile=$HERE/log4j2.xml" \
        -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG" >"$CONSOLE_LOG" 2>&1 </dev/null &
    pid=$!
    printf '%s\n' "$pid" >"$PID_FILE"
    say "starting (pid $pid), waiting up to ${KAFKA_START_TIMEOUT}s for $BOOTSTRAP"

    local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            print_tail
            rm -f "$PID_FILE"
            die "broker exited during startup"
        fi
        if [[ -f "$SERVER_LOG" ]] \
            && tail -c "+$((offset + 1))" "$SERVER_LOG" 2>/dev/null | grep -qF "$STARTED_LINE" \
            && port_answers "$KAFKA_PORT"; then
            say "up at $BOOTSTRAP (pid $pid, $((SECONDS - t0))s)"
            return 0
        fi
        sleep 0.5
    done
    print_tail
    say "startup timed out after ${KAFKA_START_TIMEOUT}s; stopping pid $pid" >&2
    stop_pid "$pid"
    rm -f "$PID_FILE"
    exit 1
}

stop_pid() {
    local pid="$1" deadline
    kill -TERM "$pid" 2>/dev/null || return 0
    deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid ignored SIGTERM for ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
}

cmd_down() {
    local wipe="$KAFKA_WIPE" arg pid
    for arg in "$@"; do
        case "$arg" in
            --wipe) wipe=1 ;;
            *) die "down: unknown option $arg" ;;
        esac
    done
    if pid="$(running_pid)"; then
        say "stopping (pid $pid)"
        stop_pid "$pid"
        say "stopped"
    else
        say "not running"
    fi
    rm -f "$PID_FILE"
    if [[ "$wipe" == 1 ]]; then
        say "wiping $DATA_DIR"
        rm -rf "$DATA_DIR" "$CLUSTER_ID_FILE"
    fi
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        if port_answers "$KAFKA_PORT"; then
            say "running (pid $pid), bootstrap $BOOTSTRAP"
        else
            say "running (pid $pid) but $BOOTSTRAP does not answer yet"
        fi
        return 0
    fi
    say "stopped (bootstrap would be $BOOTSTRAP)"
    return 1
}

cmd_logs() {
    [[ -f "$SERVER_LOG" ]] || die "no log yet at $SERVER_LOG"
    if [[ "${1:-}" == "-f" ]]; then
        exec tail -n "$KAFKA_LOG_LINES" -F "$SERVER_LOG"
    fi
    tail -n "$KAFKA_LOG_LINES" "$SERVER_LOG"
}

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
    local cmd="${1:-}"
    shift || true
    case "$cmd" in
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        logs) cmd_logs "$@" ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
