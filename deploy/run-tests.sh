#!/usr/bin/env bash
# Runs the whole suite against a real local broker: starts it when it is not already running,
# and stops it afterwards only if this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."
kafka=deploy/kafka/kafka.sh
started=0
if ! bash "$kafka" status >/dev/null 2>&1; then
  bash "$kafka" up
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then bash "$kafka" down || true; fi; }
trap cleanup EXIT
export WIRESTREAMS_BOOTSTRAP="${WIRESTREAMS_BOOTSTRAP:-127.0.0.1:${KAFKA_PORT:-9092}}"
.venv/bin/pytest -q -p no:cacheprovider "$@"
