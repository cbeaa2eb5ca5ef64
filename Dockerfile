# cartprobe as a container: a sidecar next to a shop, or one Deployment per region.
#
#   docker build -t cartprobe .
#   docker run -d --read-only -v cartprobe-state:/var/lib/cartprobe \
#     -v "$PWD/probes.yaml:/etc/cartprobe/probes.yaml:ro" -p 9781:9781 cartprobe    # the agent
#   docker run --rm -v "$PWD/probes.yaml:/etc/cartprobe/probes.yaml:ro" cartprobe run -p checkout
#   docker exec CONTAINER cartprobe run -p checkout                                 # the launcher
#
#   docker build --target browser -t cartprobe:browser .     # the same, plus Chromium for
#   docker run -d --read-only --tmpfs /tmp ... cartprobe:browser    # browser: steps (docs/browser.md)
#
# The config's agent.listen must be 0.0.0.0:9781 (the default) to be reachable from outside
# the container. Sizes, start-up times and the reasons for the choices below: docs/deploy.md.
#
# OCI image labels (org.opencontainers.image.*) come from these build arguments, e.g.
#   docker build --build-arg REVISION="$(git rev-parse HEAD)" \
#     --build-arg SOURCE="$(git remote get-url origin)" -t cartprobe .
# Every target ends with the same ARG + LABEL lines (declared last, so a new revision rebuilds
# no layer): copy them into a new target as they are.
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=
ARG LICENSES=NOASSERTION

# --- build: the shaded jar, and a Java runtime holding only the modules cartprobe uses ---------
FROM maven:3-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml probes.yaml ./
COPY src ./src
RUN mvn -B -q package -DskipTests -Dcartprobe.aot.skip=true
# jdeps finds the modules the jar needs (java.desktop is java.beans, used by the YAML and JSON
# libraries; jdk.management backs the JVM metrics); jlink builds a runtime of just those
# (--strip-java-debug-attributes, not --strip-debug: that one needs objcopy from binutils).
RUN jdeps --ignore-missing-deps --print-module-deps --multi-release 25 target/cartprobe.jar > target/modules \
 && jlink --add-modules "$(cat target/modules)" \
      --strip-java-debug-attributes --no-header-files --no-man-pages --compress=zip-6 --output /runtime
ARG VERSION REVISION SOURCE LICENSES
LABEL org.opencontainers.image.title="cartprobe" \
      org.opencontainers.image.description="Synthetic checkout monitoring agent" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"

# --- runtime: Debian slim + that runtime; non-root, read-only root filesystem --------------------
FROM debian:bookworm-slim AS runtime
RUN groupadd --system --gid 10001 cartprobe \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/cartprobe --no-create-home \
      --shell /usr/sbin/nologin cartprobe \
 && mkdir -p /etc/cartprobe /var/lib/cartprobe \
 && chown 10001:10001 /var/lib/cartprobe
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:$PATH \
    CARTPROBE_CONFIG=/etc/cartprobe/probes.yaml \
    CARTPROBE_JAVA_OPTS="-XX:+UseSerialGC -XX:+UseCompactObjectHeaders -Xss512k -XX:TieredStopAtLevel=1 -XX:UserThreadWaitAttemptsAtExit=0 -XX:-UsePerfData -Djava.io.tmpdir=/var/lib/cartprobe" \
    MALLOC_ARENA_MAX=2 \
    LANG=C.UTF-8
COPY --from=build /runtime /opt/java
COPY --from=build /build/target/cartprobe.jar /opt/cartprobe/cartprobe.jar
# `cartprobe` as a command (docker exec CONTAINER cartprobe run -p checkout): the launcher, next to
# the jar it runs, linked onto the PATH.
COPY bin/cartprobe /opt/cartprobe/cartprobe
RUN chmod 0755 /opt/cartprobe/cartprobe && ln -s /opt/cartprobe/cartprobe /usr/local/bin/cartprobe

# JDK 25 AOT cache (JEP 483/514): classes loaded and linked during a training run of the agent
# against the demo shop are mapped at start-up, which halves start-to-ready. The training run
# uses the same JVM, jar path and object headers as the ENTRYPOINT, or the cache would be
# ignored. (The build stage skips mvn package's own cache: it is for bin/cartprobe in target/.)
COPY deploy/docker/aot-training.yaml deploy/docker/aot-train.sh /tmp/aot/
RUN sh /tmp/aot/aot-train.sh /opt/cartprobe/cartprobe.jar /opt/cartprobe/cartprobe.aot && rm -rf /tmp/aot

USER 10001:10001
WORKDIR /var/lib/cartprobe
VOLUME ["/var/lib/cartprobe"]
EXPOSE 9781
# Sized for a sidecar with a memory limit of 192-256 MiB (docs/deploy.md, "JVM flags"): the
# launcher's agent flags, with the heap capped at 60% of the limit instead of a fixed -Xmx
# (metaspace, code cache and the AOT cache need the rest): the serial collector (no GC threads),
# a heap that starts small and gives memory back, compact object headers, small thread stacks
# (probes run on virtual threads, whose stacks live on the heap), freed native memory returned
# to the OS, two malloc arenas (ENV), no hsperfdata file in /tmp (the root filesystem is
# read-only), temporary files on the volume, and exit on OutOfMemoryError so the kubelet
# restarts a clean process. CARTPROBE_JAVA_OPTS (above) is for the launcher's one-off commands.
ENTRYPOINT ["java", \
  "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=60", "-Xms16m", \
  "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:SurvivorRatio=4", \
  "-XX:-ShrinkHeapInSteps", "-XX:+UseCompactObjectHeaders", \
  "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:TrimNativeHeapInterval=5000", \
  "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/var/lib/cartprobe", \
  "-XX:AOTCache=/opt/cartprobe/cartprobe.aot", \
  "-jar", "/opt/cartprobe/cartprobe.jar"]
CMD ["agent"]
ARG VERSION REVISION SOURCE LICENSES
LABEL org.opencontainers.image.title="cartprobe" \
      org.opencontainers.image.description="Synthetic checkout monitoring agent" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"

# --- browser: the runtime plus Debian's Chromium, for browser: steps ---------------------------
# Same user, same read-only root. Chromium's profile goes to java.io.tmpdir (the volume), its
# other scratch files to /tmp: run it with a tmpfs there (--tmpfs /tmp, or an emptyDir).
FROM runtime AS browser
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
ENV CARTPROBE_CHROMIUM=/usr/bin/chromium
USER 10001:10001
ARG VERSION REVISION SOURCE LICENSES
LABEL org.opencontainers.image.title="cartprobe" \
      org.opencontainers.image.description="Synthetic checkout monitoring agent" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"

# --- the default target (docker build without --target): the runtime, no browser --------------
FROM runtime
ARG VERSION REVISION SOURCE LICENSES
LABEL org.opencontainers.image.title="cartprobe" \
      org.opencontainers.image.description="Synthetic checkout monitoring agent" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSES}"
