#!/usr/bin/env bash
# Soak run of the real agent on 500 mixed targets; see bench/soak.py for what it samples.
#   bash bench/soak.sh [--targets N] [--minutes M] [--sample SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/cartprobe.jar ] || mvn -B -q package -DskipTests
exec python3 bench/soak.py "$@"
