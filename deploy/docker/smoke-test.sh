#!/usr/bin/env bash
# Builds the top-level Dockerfile, unchanged, both targets (the default, and `--target browser`
# with Chromium), and checks the images the way a cluster would use them.
#
#   sudo deploy/docker/smoke-test.sh          # as root: it may install packages and start dockerd
#
# Where the public base images cannot be pulled (the project's machines), it first builds
# stand-ins under the Dockerfile's exact base names:
#   debian:bookworm-slim         a debootstrap'ed Debian bookworm (minbase), from the Debian
#                                mirror that apt is configured with on this machine
#   maven:3-eclipse-temurin-25   that Debian + this machine's Temurin 25 JDK + Maven, with the
#                                local Maven repository baked in and Maven set to offline
# A base image that is already present and not a stand-in is used as it is; SMOKE_REBUILD_BASES=1
# rebuilds the stand-ins.
#
# Then: docker build; the demo shop on the host; the agent container on the host network with
# --read-only and a volume on /var/lib/cartprobe; checks /healthz, /readyz, /metrics (a checkout
# that passes), the user id, the read-only root, `docker run IMAGE run -p checkout`, and that
# `docker stop` ends it with exit code 0. The browser target: non-root, read-only root with a
# tmpfs on /tmp, a browser probe of the demo's checkout page passes (one-off and in the agent),
# and the default image fails that probe with reason browser and the install line.
# Prints image sizes, start-to-ready time and RSS, and writes them to
# target/docker-smoke/result.txt. Not part of .ci/run (minutes, needs dockerd; the browser
# target's apt-get needs the Debian mirror reachable from docker build).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$ROOT/target/docker-smoke
LOGS=$WORK/logs
HOST_JDK=${HOST_JDK:-${JAVA_HOME:?set JAVA_HOME (or HOST_JDK) to a JDK 25}}
HOST_MAVEN=${HOST_MAVEN:-$(dirname "$(dirname "$(readlink -f "$(command -v mvn)")")")}
M2_REPO=${M2_REPO:-$HOME/.m2/repository}
IMAGE=${IMAGE:-cartprobe:smoke}
BROWSER_IMAGE=${BROWSER_IMAGE:-cartprobe:smoke-browser}
NAME=cartprobe-smoke-$$
VOLUME=cartprobe-smoke-state-$$
STANDIN_LABEL=io.cartprobe.standin
mkdir -p "$LOGS"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'SMOKE TEST FAILED: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

demo_pid=
cleanup() {
  docker rm -f "$NAME" "$NAME-browser" >/dev/null 2>&1 || true
  docker volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  if [ -n "$demo_pid" ]; then kill "$demo_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# --- tools and daemon ---------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (log: $LOGS/dockerd.log)"
  dockerd >"$LOGS/dockerd.log" 2>&1 &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start; see $LOGS/dockerd.log"
fi
[ -x "$HOST_JDK/bin/java" ] || fail "no JDK 25 at $HOST_JDK (set HOST_JDK)"
JAVA=$HOST_JDK/bin/java

# --- stand-in base images -----------------------------------------------------------------------
bases=$(awk 'toupper($1) == "FROM" { print $2 }' Dockerfile | sort -u)
is_standin() { [ "$(docker image inspect -f "{{ index .Config.Labels \"$STANDIN_LABEL\" }}" "$1" 2>/dev/null)" = "true" ]; }
wanted() { # build a stand-in for $1? only if absent, or a stand-in asked to be rebuilt
  ! docker image inspect "$1" >/dev/null 2>&1 || { is_standin "$1" && [ "${SMOKE_REBUILD_BASES:-0}" = 1 ]; }
}

# The Debian mirror apt uses here (deb822 .sources files or one-line sources.list).
debian_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f"
  done
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } \
    | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/ && $i !~ /security/) { print $i; exit } }'
}

standin_debian() {
  local tag=$1 mirror rootfs=$WORK/rootfs
  mirror=$(debian_mirror | head -1 || true)
  [ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt/sources.list*"
  say "stand-in $tag: debootstrap bookworm (log: $LOGS/debootstrap.log)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$LOGS/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $LOGS/debootstrap.log"
  # slim it the way the real image is slimmed: no apt lists, docs, man pages or locales
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/locale/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | docker import \
    --change "LABEL $STANDIN_LABEL=true" --change 'CMD ["bash"]' - "$tag" >/dev/null
  rm -rf "$rootfs"
}

standin_maven() {
  local tag=$1 ctx=$WORK/maven-standin debian=debian:bookworm-slim
  docker image inspect "$debian" >/dev/null 2>&1 || standin_debian "$debian"
  say "stand-in $tag: $debian + Temurin 25 + Maven + the local Maven repository (offline)"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp -rL "$HOST_JDK" "$ctx/jdk"               # its cacerts links to the system trust store
  cp -rL "$HOST_MAVEN" "$ctx/maven"            # Debian's Maven links its jars and conf elsewhere
  cp -a "$M2_REPO" "$ctx/repository"
  cat >"$ctx/settings.xml" <<'XML'
<settings><offline>true</offline></settings>
XML
  cat >"$ctx/Dockerfile" <<EOF
FROM $debian
LABEL $STANDIN_LABEL=true
COPY jdk /opt/java/openjdk
COPY maven /usr/share/maven
COPY repository /root/.m2/repository
COPY settings.xml /root/.m2/settings.xml
ENV JAVA_HOME=/opt/java/openjdk MAVEN_HOME=/usr/share/maven MAVEN_CONFIG=/root/.m2 \
    PATH=/opt/java/openjdk/bin:/usr/share/maven/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["mvn"]
EOF
  docker build -q -t "$tag" "$ctx" >"$LOGS/maven-standin.log" 2>&1 || fail "see $LOGS/maven-standin.log"
  rm -rf "$ctx"
}

for base in $bases; do
  case "$base" in
    debian:bookworm-slim) wanted "$base" && standin_debian "$base" ;;
    maven:3-eclipse-temurin-25) wanted "$base" && standin_maven "$base" ;;
    *) docker image inspect "$base" >/dev/null 2>&1 || fail "no stand-in recipe for base image $base" ;;
  esac
done
for base in $bases; do
  is_standin "$base" && echo "base $base: stand-in" || echo "base $base: as pulled"
done

# --- the image ----------------------------------------------------------------------------------
say "docker build -t $IMAGE . (log: $LOGS/build.log)"
build_start=$(now_ms)
docker build -t "$IMAGE" . >"$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log"; fail "docker build failed"; }
build_s=$(( ($(now_ms) - build_start) / 1000 ))
size_bytes=$(docker image inspect -f '{{.Size}}' "$IMAGE")
size_mb=$(( size_bytes / 1000000 ))
echo "built in ${build_s}s; image size ${size_mb} MB"
say "docker build --target browser -t $BROWSER_IMAGE . (log: $LOGS/build-browser.log)"
docker build --target browser -t "$BROWSER_IMAGE" . >"$LOGS/build-browser.log" 2>&1 \
  || { tail -30 "$LOGS/build-browser.log"; fail "docker build --target browser failed"; }
browser_size_mb=$(( $(docker image inspect -f '{{.Size}}' "$BROWSER_IMAGE") / 1000000 ))
echo "browser image size ${browser_size_mb} MB"
docker history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" | head -12 | cut -c1-140 || true

# --- the demo shop on the host ------------------------------------------------------------------
say "demo shop on the host"
docker create --name "$NAME-jar" "$IMAGE" >/dev/null
docker cp "$NAME-jar:/opt/cartprobe/cartprobe.jar" "$WORK/cartprobe.jar" >/dev/null
docker rm "$NAME-jar" >/dev/null
"$JAVA" -jar "$WORK/cartprobe.jar" demo --port 0 --no-agent >"$LOGS/demo.log" 2>&1 &
demo_pid=$!
demo_url=
for _ in $(seq 60); do
  demo_url=$(grep -o 'shop  *http://127\.0\.0\.1:[0-9]*' "$LOGS/demo.log" | head -1 | awk '{print $2}' || true)
  [ -n "$demo_url" ] && break
  sleep 0.5
done
[ -n "$demo_url" ] || fail "the demo did not start; see $LOGS/demo.log"
echo "demo: $demo_url"

# A free port for the agent (it shares the host's network).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo 19781)

# The config and a secret, mounted read-only as a ConfigMap and a Secret would be.
etc=$WORK/etc && secrets=$WORK/secrets
rm -rf "$etc" "$secrets" && mkdir -p "$etc" "$secrets"
printf 'sk_live_demo_production\n' >"$secrets/gateway_key"
cat >"$etc/probes.yaml" <<EOF
agent:
  listen: 127.0.0.1:$port
  state_file: /var/lib/cartprobe/state.json
  labels: {location: docker-smoke}
environments:
  production:
    vars:
      base_url: \${CARTPROBE_DEMO_URL}/production
      gateway_url: \${CARTPROBE_DEMO_URL}/gateway
    secrets:
      gateway_key: \${file:/run/secrets/gateway_key}
probes:
  - name: checkout
    type: checkout
    interval: 2s
    timeout: 5s
    steps:
      - name: create_cart
        component: cart-service
        request: {method: POST, url: "{{base_url}}/api/carts", json: {sku: DEMO-SKU-1, quantity: 1}}
        expect: {status: 201}
        extract: {cart_id: \$.id}
      - name: authorize_payment
        component: payment-gateway
        request: {method: POST, url: "{{base_url}}/api/carts/{{cart_id}}/payment", json: {card: "4242424242424242"}}
        expect: {status: 200, json: {\$.status: authorized}}
  - name: gateway-config
    type: gateway-config
    interval: 2s
    request:
      url: "{{gateway_url}}/v1/account/config"
      headers: {Authorization: "Bearer {{secret.gateway_key}}"}
    watch: [\$.api_version]
EOF
chmod -R a+rX "$etc" "$secrets"

# --- the agent container ------------------------------------------------------------------------
say "agent container: --read-only, non-root, state on a volume"
docker volume create "$VOLUME" >/dev/null
start=$(now_ms)
docker run -d --name "$NAME" --network host --read-only \
  -v "$VOLUME:/var/lib/cartprobe" \
  -v "$etc:/etc/cartprobe:ro" -v "$secrets:/run/secrets:ro" \
  -e CARTPROBE_DEMO_URL="$demo_url" \
  --memory 256m \
  "$IMAGE" >/dev/null
agent=http://127.0.0.1:$port
ready=
for _ in $(seq 600); do
  if curl -fs -o /dev/null "$agent/readyz"; then ready=$(now_ms); break; fi
  docker inspect -f '{{.State.Running}}' "$NAME" | grep -q true || break
  sleep 0.02
done
[ -n "$ready" ] || { docker logs "$NAME" 2>&1 | tail -30; fail "/readyz never answered 200"; }
ready_ms=$(( ready - start ))
echo "ready after ${ready_ms} ms (docker run to /readyz 200)"

check() { printf '  %-58s' "$1"; shift; if "$@" >/dev/null 2>&1; then echo ok; else echo FAILED; fail "$*"; fi; }
metrics_has() { curl -fs "$agent/metrics" | grep -Fq "$1"; }
await_metric() { for _ in $(seq 100); do metrics_has "$1" && return 0; sleep 0.2; done; return 1; }

check "/healthz answers 200" curl -fs "$agent/healthz"
check "/readyz answers 200" curl -fs "$agent/readyz"
check "/metrics: checkout passes" await_metric \
  'cartprobe_probe_success{env="production",location="docker-smoke",probe="checkout"} 1'
check "/metrics: gateway-config passes (secret from \${file:})" await_metric \
  'cartprobe_probe_success{env="production",location="docker-smoke",probe="gateway-config"} 1'
check "/metrics: build info" metrics_has 'cartprobe_build_info{'
check "/metrics: JVM metrics" metrics_has 'jvm_memory_used_bytes'
uid=$(docker exec "$NAME" id -u)
check "runs as uid 10001 (got $uid)" test "$uid" = 10001
check "HostConfig.ReadonlyRootfs is true" \
  test "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$NAME")" = true
check "root filesystem refuses writes" bash -c "! docker exec $NAME sh -c 'echo x > /opt/cartprobe/x'"
check "/etc/cartprobe refuses writes" bash -c "! docker exec $NAME sh -c 'echo x > /etc/cartprobe/x'"
check "the volume takes writes" docker exec "$NAME" sh -c 'echo x > /var/lib/cartprobe/.probe && rm /var/lib/cartprobe/.probe'
check "the cartprobe launcher runs beside the agent" \
  docker exec -e CARTPROBE_DEMO_URL="$demo_url" "$NAME" cartprobe run -p checkout
# The ENTRYPOINT's own flags with -XX:AOTMode=on: the JVM refuses to start if it cannot use the cache.
read -r -a entrypoint <<<"$(docker image inspect -f '{{range .Config.Entrypoint}}{{.}} {{end}}' "$IMAGE")"
check "AOT cache maps (AOTMode=on, entrypoint flags)" \
  docker run --rm --read-only --entrypoint "${entrypoint[0]}" "$IMAGE" -XX:AOTMode=on "${entrypoint[@]:1}" --version
rss_kb=$(docker exec "$NAME" awk '/VmRSS/ { print $2 }' /proc/1/status)
echo "  RSS of the agent (pid 1): $(( rss_kb / 1024 )) MiB"

say "docker run IMAGE run -p checkout (the CMD replaced)"
run_start=$(now_ms)
docker run --rm --network host --read-only \
  -v "$etc:/etc/cartprobe:ro" -v "$secrets:/run/secrets:ro" -e CARTPROBE_DEMO_URL="$demo_url" \
  "$IMAGE" run -p checkout >"$LOGS/run.log" 2>&1 || { cat "$LOGS/run.log"; fail "run -p checkout did not exit 0"; }
run_ms=$(( $(now_ms) - run_start ))
head -3 "$LOGS/run.log"
echo "  one-off run: ${run_ms} ms"

say "docker stop"
stop_start=$(now_ms)
docker stop -t 20 "$NAME" >/dev/null
stop_ms=$(( $(now_ms) - stop_start ))
code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME")
docker logs "$NAME" >"$LOGS/agent.log" 2>&1 || true
check "stopped with exit code 0 (got $code) in ${stop_ms} ms" test "$code" = 0
check "OOMKilled is false" test "$(docker inspect -f '{{.State.OOMKilled}}' "$NAME")" = false

# --- the browser target ----------------------------------------------------------------------
say "browser target: Chromium, non-root, read-only root, a browser probe of the checkout page"
cat >"$etc/browser.yaml" <<EOF
agent:
  listen: 127.0.0.1:$port
environments:
  production:
    vars: {base_url: \${CARTPROBE_DEMO_URL}/production}
probes:
  - name: checkout-page
    type: checkout
    interval: 5s
    timeout: 30s
    steps:
      - name: pay_on_page
        component: storefront
        browser:
          - goto: "{{base_url}}/checkout"
          - fill: {selector: "#card-number", value: "4242424242424242"}
            frame: "#card-frame"
          - click: "#pay"
          - expect_text: {selector: "#result", contains: "Order confirmed"}
        extract: {order_id: "css:#order-id"}
      - name: get_order
        request: {url: "{{base_url}}/api/orders/{{order_id}}"}
EOF
chmod a+r "$etc/browser.yaml"
# IMAGE, then cartprobe's arguments: a one-off container as the browser target needs it.
browser_run() {
  local image=$1
  shift
  docker run --rm --network host --read-only --tmpfs /tmp \
    -v "$etc:/etc/cartprobe:ro" -e CARTPROBE_DEMO_URL="$demo_url" \
    -e CARTPROBE_CONFIG=/etc/cartprobe/browser.yaml "$image" "$@"
}
check "browser image: Chromium is there" \
  docker run --rm --read-only --tmpfs /tmp --entrypoint /usr/bin/chromium "$BROWSER_IMAGE" --version
browser_uid=$(docker run --rm --entrypoint id "$BROWSER_IMAGE" -u)
check "browser image: runs as uid 10001 (got $browser_uid)" test "$browser_uid" = 10001
check "default image: no Chromium" \
  bash -c "! docker run --rm --entrypoint sh '$IMAGE' -c 'command -v chromium'"
browser_start=$(now_ms)
browser_run "$BROWSER_IMAGE" run -p checkout-page >"$LOGS/browser-run.log" 2>&1 \
  || { cat "$LOGS/browser-run.log"; fail "run -p checkout-page failed in the browser image"; }
browser_ms=$(( $(now_ms) - browser_start ))
echo "  one-off browser run: ${browser_ms} ms"
if browser_run "$IMAGE" run -p checkout-page >"$LOGS/default-browser-run.log" 2>&1; then
  fail "the default image passed a browser step (it has no Chromium)"
fi
check "default image: the step fails with reason browser" grep -q 'reason browser' "$LOGS/default-browser-run.log"
check "default image: ... and names the install line" \
  grep -q 'apt-get install chromium' "$LOGS/default-browser-run.log"
docker run -d --name "$NAME-browser" --network host --read-only --tmpfs /tmp \
  -v "$etc:/etc/cartprobe:ro" -e CARTPROBE_DEMO_URL="$demo_url" \
  -e CARTPROBE_CONFIG=/etc/cartprobe/browser.yaml "$BROWSER_IMAGE" >/dev/null
await_browser_pass() {
  for _ in $(seq 150); do
    metrics_has 'cartprobe_probe_success{env="production",probe="checkout-page"} 1' && return 0
    sleep 0.4
  done
  return 1
}
check "browser agent: checkout-page passes" await_browser_pass
# Resident pages of every process in the container: the agent and its Chromium together.
browser_rss_kb=$(docker exec "$NAME-browser" sh -c 'cat /proc/[0-9]*/statm 2>/dev/null' \
  | awk '{ s += $2 } END { print s * 4 }')
echo "  RSS of the browser container (agent + Chromium): $(( browser_rss_kb / 1024 )) MiB"
docker stop -t 20 "$NAME-browser" >/dev/null
check "browser agent: stopped with exit code 0" \
  test "$(docker inspect -f '{{.State.ExitCode}}' "$NAME-browser")" = 0

result="$(date -u +%Y-%m-%dT%H:%MZ) image ${size_mb} MB, browser image ${browser_size_mb} MB, one-off browser run ${browser_ms} ms, start-to-ready ${ready_ms} ms, RSS $(( rss_kb / 1024 )) MiB, one-off run ${run_ms} ms, stop ${stop_ms} ms, build ${build_s}s"
echo "$result" >"$WORK/result.txt"
say "PASSED: $result"
