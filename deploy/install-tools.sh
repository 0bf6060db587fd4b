#!/usr/bin/env bash
# Installs the Debian tools Wirestreams' scripts and tests call, only those missing:
#   promtool (package prometheus)  checks deploy/prometheus rules and config
#   kcat                           the outside Kafka client the integration tests read with
#   docker-compose                 validates the compose file where Docker exists
# Safe to run again: with everything present it does nothing and prints nothing.
set -euo pipefail

# command -> Debian package that provides it
declare -A PACKAGE_OF=(
    [promtool]=prometheus
    [kcat]=kcat
    [docker-compose]=docker-compose
)

missing=()
for cmd in promtool kcat docker-compose; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$cmd]}")
done
((${#missing[@]} == 0)) && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    echo "install-tools: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "${as_root[@]}" apt-get update -qq >"$log" 2>&1 \
    || ! "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "install-tools: apt-get failed installing: ${missing[*]}" >&2
    exit 1
fi

for cmd in promtool kcat docker-compose; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "install-tools: $cmd still missing after install" >&2; exit 1; }
done
