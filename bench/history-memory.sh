#!/usr/bin/env bash
# Heap run history retains for 1000 pairs x 2880 runs, full rings vs the split a state database
# allows (bench/HistoryMemory.java). Needs `mvn -B -o -q package -DskipTests` first (target/classes
# and the shaded target/cartprobe.jar); takes a few seconds. Args: [pairs] [runs].
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d target/classes ] || { echo "target/classes missing: run mvn -B -o -q package -DskipTests" >&2; exit 1; }
out=target/bench-classes
mkdir -p "$out"
# target/classes first (what is being measured), the shaded jar for Jackson and the rest.
cp=target/classes:target/cartprobe.jar
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$out" -cp "$cp" bench/HistoryMemory.java
# Serial GC: one System.gc() is a full, stop-the-world collection, so "used" is what is live.
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:+UseSerialGC -Xmx1g -cp "$out:$cp" HistoryMemory "$@"
