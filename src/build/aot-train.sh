#!/bin/sh
# aot-train.sh PROJECT_DIR: the `package` phase's last step (pom.xml, exec-maven-plugin). Writes
# target/cartprobe.aot, the JDK AOT cache (JEP 483/514) that bin/cartprobe maps at start-up.
# Training is the README's own command path: the launcher, with its default JVM options, runs
# `cartprobe run -p checkout -e production` once against the built-in demo shop on a free
# loopback port, so no network is needed and parallel builds do not collide. The launcher picks
# the JVM, so the cache matches what it will run; a cache made for another JVM, jar or set of
# options is refused by the JVM and the launcher then starts without it, quietly.
set -eu
project=$1
target=$project/target
jar=$target/cartprobe.jar
cache=$target/cartprobe.aot
log=$target/aot-training.log
java=java
[ -n "${JAVA_HOME:-}" ] && java=$JAVA_HOME/bin/java
rm -f "$cache" "$log"

"$java" -XX:+UseSerialGC -XX:-UsePerfData -jar "$jar" demo --port 0 --no-agent >"$target/aot-demo.log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT
url=
tries=0
while [ -z "$url" ]; do
  kill -0 "$demo" 2>/dev/null || { cat "$target/aot-demo.log" >&2; echo "aot-train: the demo did not start" >&2; exit 1; }
  tries=$((tries + 1))
  [ "$tries" -le 600 ] || { echo "aot-train: the demo did not start within 60 s" >&2; exit 1; }
  sleep 0.1
  url=$(sed -n 's|^ *shop *\(http://127\.0\.0\.1:[0-9]*\)/staging.*|\1|p' "$target/aot-demo.log")
done

# Exit 1 (a failed probe) still leaves a complete training run; anything else is an error.
status=0
CARTPROBE_DEMO_URL=$url \
  JDK_JAVA_OPTIONS="-XX:AOTCacheOutput=$cache -Xlog:aot=error" \
  "$project/bin/cartprobe" run -c "$project/probes.yaml" -p checkout -e production >"$log" 2>&1 || status=$?
if [ "$status" -gt 1 ] || [ ! -s "$cache" ]; then
  cat "$log" >&2
  echo "aot-train: no AOT cache written (exit $status)" >&2
  exit 1
fi
echo "AOT cache for bin/cartprobe: $cache ($(du -h "$cache" | cut -f1))"
