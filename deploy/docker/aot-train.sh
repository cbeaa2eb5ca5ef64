#!/bin/sh
# aot-train.sh JAR CACHE: writes the JDK AOT cache for the agent (run in the Dockerfile's last stage).
# The demo shop runs in a second JVM; the agent, with -XX:AOTCacheOutput and the ENTRYPOINT's GC
# and object headers (a cache is refused under another -XX:+UseCompactObjectHeaders setting),
# probes it for a few seconds and writes the cache when SIGTERM stops it.
set -eu
jar=$1
cache=$2
dir=$(dirname "$0")
port=18080
java -XX:-UsePerfData -jar "$jar" demo --port "$port" --no-agent >/dev/null 2>&1 &
demo=$!
sleep 3
CARTPROBE_DEMO_URL=http://127.0.0.1:$port \
  java -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:-UsePerfData -XX:AOTCacheOutput="$cache" -Xlog:aot=error \
    -jar "$jar" agent -c "$dir/aot-training.yaml" &
agent=$!
sleep 8
kill -TERM "$agent"
wait "$agent"
kill -TERM "$demo"
wait "$demo" || true
test -s "$cache"
echo "AOT cache: $(du -h "$cache" | cut -f1)"
