#!/usr/bin/env python3
"""Issue #14 side by side: cartprobe against blackbox_exporter, cold start, latency truth, goals.

One command prints, for the machine it runs on:
  agent    cartprobe and Debian's prometheus-blackbox-exporter, one after the other on the same
           nginx target, N single-GET probes per size: runs/s planned vs achieved, failed,
           skipped, scheduler lag p50/p99, CPU-s per 1,000 runs and the ratio, steady RSS
           (median and last of VmRSS sampled after warm-up) and the ratio, /metrics bytes per
           target and scrape time. cartprobe runs as users start it: bin/cartprobe (its JVM flags,
           its AOT cache when there is one), with metrics, history (agent.state_file) and an
           alert rule on; also plain `java -jar` (JVM defaults) at the --java-jar-sizes.
           blackbox_exporter is driven by a real Prometheus scraping its /probe.
  cold     `cartprobe run -p checkout -e production` (--variant visa: the 4-step checkout; without:
           all three card variants) against the demo shop from a cold JVM,
           `validate` and `--version`: median wall, CPU-s, peak RSS, with and without the AOT
           cache, and plain `java -jar`.
  latency  bench/latency-truth.py when it is there (reported vs server-side truth).
and then each goal of the issue with what was measured and met / not met.

Needs nginx, prometheus, prometheus-blackbox-exporter, JDK 25 (JAVA_HOME or java on the PATH)
and a built jar (mvn -B -q package -DskipTests; its AOT cache if the build makes one).

  python3 bench/agent-bench.py --all                          # everything, ~13 min on 2 quiet cores
  python3 bench/agent-bench.py --parts agent --sizes 50,200 --warmup 10 --seconds 20
  python3 bench/agent-bench.py --parts cold --cold-runs 3
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from benchlib import (NAN, buckets, compiler_cpu_seconds, cpu_seconds, free_port, histogram_quantile, machine, median,
                      peak_rss_mib, rss_samples_mib, scrape, series_sum, start_nginx, timed_run, wait_http,
                      wait_jit_quiet, wire)
from bench_report import find, print_report
from blackbox_side import bench_blackbox

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JAR = os.path.join(ROOT, "target", "cartprobe.jar")
LAUNCHER = os.path.join(ROOT, "bin", "cartprobe")
LATENCY_TRUTH = os.path.join(HERE, "latency-truth.py")
PARTS = ("agent", "cold", "latency")


def java():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin", "java") if home else "java"


def user_env(**extra):
    """The environment a user starts cartprobe in: no CARTPROBE_JAVA_OPTS, so the launcher's flags apply."""
    env = {k: v for k, v in os.environ.items() if k not in ("CARTPROBE_JAVA_OPTS", "JDK_JAVA_OPTIONS")}
    env.update(extra)
    return env


def parse_sizes(text):
    """'200,1000,3000,10000@10' -> [(200, 1), (1000, 1), (3000, 1), (10000, 10)] (interval in s)."""
    sizes = []
    for item in text.split(","):
        n, _, interval = item.partition("@")
        sizes.append((int(n), int(interval or 1)))
    return sizes


def agent_command(variant, config):
    if variant == "launcher":
        return [LAUNCHER, "agent", "-c", config]
    return [java(), "-jar", JAR, "agent", "-c", config]


def jvm_flags(pid):
    """The JVM options the process really got, and whether an AOT cache is mapped into it."""
    with open(f"/proc/{pid}/cmdline") as f:
        argv = f.read().split("\0")
    flags = argv[1:argv.index("-jar")] if "-jar" in argv else argv[1:]
    with open(f"/proc/{pid}/maps") as f:
        aot = sorted({line.split()[-1] for line in f if line.rstrip().endswith(".aot")})
    return " ".join(flags) or "(JVM defaults)", ", ".join(os.path.basename(a) for a in aot) or "none"


def write_agent_config(path, n, interval, target_port, agent_port, state_file):
    with open(path, "w") as f:
        f.write(f"agent:\n  listen: 127.0.0.1:{agent_port}\n  max_concurrency: 512\n  state_file: {state_file}\n")
        f.write(f"environments:\n  bench:\n    vars: {{target: 'http://127.0.0.1:{target_port}'}}\n")
        f.write("probes:\n")
        for i in range(n):
            f.write(f"  - name: t{i:05d}\n    type: gateway-config\n    interval: {interval}s\n"
                    f"    timeout: 900ms\n    request: {{url: '{{{{target}}}}/health/{i}'}}\n"
                    f"    expect: {{status: 200}}\n")
        # The alert never fires (nginx always answers 200) but its rule window is kept for every pair.
        f.write("alerts:\n  - name: down\n    when: {consecutive_failures: 3}\n    notify: [hook]\n"
                "webhooks:\n  - {name: hook, url: 'http://127.0.0.1:9/hook', format: json}\n")


def bench_cartprobe(variant, n, interval, window, warmup, settle_max, target_port, tmp):
    agent_port = free_port()
    config = os.path.join(tmp, f"agent-{variant}-{n}.yaml")
    write_agent_config(config, n, interval, target_port, agent_port, os.path.join(tmp, f"state-{variant}-{n}.db"))
    log = open(os.path.join(tmp, f"agent-{variant}-{n}.log"), "w")
    proc = subprocess.Popen(agent_command(variant, config), env=user_env(), stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{agent_port}"
    try:
        wait_http(base + "/readyz", deadline_s=60 + n / 50)
        time.sleep(warmup)
        settled_s = wait_jit_quiet(proc.pid, deadline_s=settle_max)
        flags, aot = jvm_flags(proc.pid)
        _, m0 = scrape(base + "/metrics")
        c0, j0, t0 = cpu_seconds(proc.pid), compiler_cpu_seconds(proc.pid), time.time()
        rss = rss_samples_mib(proc.pid, window)
        _, m1 = scrape(base + "/metrics")
        c1, j1, t1 = cpu_seconds(proc.pid), compiler_cpu_seconds(proc.pid), time.time()
        scrapes = [scrape(base + "/metrics") for _ in range(7)]
        delta = lambda name, without=None: series_sum(m1, name, without) - series_sum(m0, name, without)
        runs = delta("cartprobe_probe_runs_total")
        b0, b1 = buckets(m0, "cartprobe_scheduler_lag_seconds"), buckets(m1, "cartprobe_scheduler_lag_seconds")
        lag = {le: b1.get(le, 0) - b0.get(le, 0) for le in b1}
        return {
            "tool": f"cartprobe ({variant})", "variant": variant, "targets": n, "interval": interval,
            "planned": n / interval, "achieved": runs / (t1 - t0),
            "failed": delta("cartprobe_probe_runs_total", without='result="success"'),
            "skipped": delta("cartprobe_probe_skipped_total"),
            "lag_p50_ms": histogram_quantile(0.5, lag) * 1000, "lag_p99_ms": histogram_quantile(0.99, lag) * 1000,
            "cpu_per_1000": (c1 - c0) / max(runs, 1) * 1000, "jit_share": (j1 - j0) / max(c1 - c0, 1e-9),
            "warmup_s": warmup + settled_s,
            "rss_median": median(rss[len(rss) // 2:]), "rss_last": rss[-1], "hwm": peak_rss_mib(proc.pid),
            "bytes_per_target": len(scrapes[-1][1].encode()) / n,
            "scrape_ms": median([s[0] for s in scrapes]) * 1000, "flags": flags, "aot": aot,
            **wire(base + "/metrics", n),
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        log.close()


def agent_part(args, tmp):
    nginx, target_port = start_nginx(tmp)
    rows = []
    try:
        for n, interval in parse_sizes(args.sizes):
            window = max(args.seconds, 3 * interval)
            runs = [(f"cartprobe ({variant})", lambda v=variant: bench_cartprobe(
                        v, n, interval, window, args.warmup, args.jit_settle, target_port, tmp))
                    for variant in ["launcher"] + (["java-jar"] if n in args.java_jar_sizes else [])]
            if not args.no_blackbox:
                runs.append(("blackbox_exporter", lambda: bench_blackbox(
                    n, interval, window, args.bb_warmup, target_port, tmp)))
            for name, measure in runs:
                print(f"  {name} N={n} @ {interval}s ...", file=sys.stderr, flush=True)
                try:
                    rows.append(measure())
                except (Exception, SystemExit) as e:  # one size that breaks does not lose the others
                    args.errors.append(f"{name} N={n} @ {interval}s: {e.__class__.__name__}: {e}")
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
    for row in rows:
        bb = find(rows, "blackbox", row["targets"], row["interval"])
        paired = bb is not None and row is not bb and bb["achieved"] > 0
        row["cpu_ratio"] = row["cpu_per_1000"] / bb["cpu_per_1000"] if paired else NAN
        row["rss_ratio"] = row["rss_median"] / bb["rss_median"] if paired else NAN
    return rows


def aot_status(stderr):
    """What -Xlog:aot said: the cache used, refused (with the JVM's reason), or none at all."""
    lines = [l for l in stderr.splitlines() if "[aot" in l]
    opened = [l.rsplit(" ", 1)[-1].rstrip(".") for l in lines if "Opened AOT cache" in l]
    if not opened:
        return "none"
    if not any("[error" in l for l in lines):
        return "used: " + os.path.basename(opened[0])
    reasons = [l.split("]", 3)[-1].strip() for l in lines if "[error" in l or "[warning" in l]
    return "refused: " + reasons[0]


def cold_part(args, tmp):
    # The launcher finds the jar (and its cache) next to itself or in ../target: a copy of the two
    # in a directory of their own is the same command path without any AOT cache.
    bare = os.path.join(tmp, "no-aot")
    os.makedirs(bare)
    shutil.copy2(LAUNCHER, os.path.join(bare, "cartprobe"))
    shutil.copy2(JAR, os.path.join(bare, "cartprobe.jar"))
    variants = [("launcher", [LAUNCHER]), ("launcher, no AOT cache", [os.path.join(bare, "cartprobe")]),
                ("java -jar", [java(), "-jar", JAR])]
    # The goal's 4-step checkout is one card variant; the README's command runs all three (12 steps).
    commands = [("run -p checkout -e production --variant visa",
                 ["run", "-p", "checkout", "-e", "production", "--variant", "visa"]),
                ("run -p checkout -e production", ["run", "-p", "checkout", "-e", "production"]),
                ("validate", ["validate"]), ("--version", ["--version"])]
    port = free_port()
    demo = subprocess.Popen([LAUNCHER, "demo", "--no-agent", f"--port={port}"], cwd=ROOT, env=user_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = user_env(CARTPROBE_DEMO_URL=f"http://127.0.0.1:{port}")
    rows = []
    try:
        wait_http(f"http://127.0.0.1:{port}/gateway/health")
        for name, prefix in variants:
            for label, command in commands:
                print(f"  cold {name}: {label} ...", file=sys.stderr, flush=True)
                # One run unmeasured (page cache, the demo's own JIT) that also says whether the cache maps;
                # to stderr, as the launcher turns the JVM's AOT lines on stdout off.
                first = timed_run(prefix + command, env=dict(env, JDK_JAVA_OPTIONS="-Xlog:aot=info:stderr"), cwd=ROOT)
                runs = [timed_run(prefix + command, env=env, cwd=ROOT) for _ in range(args.cold_runs)]
                rows.append({"variant": name, "command": label, "wall": median([r[0] for r in runs]),
                             "cpu": median([r[1] for r in runs]), "rss": median([r[2] for r in runs]),
                             "exits": sorted({r[3] for r in runs}), "aot": aot_status(first[4])})
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
    return rows


def latency_part(args):
    """bench/latency-truth.py is its own script (another engineer's); this only runs it and keeps its output."""
    if not os.path.exists(LATENCY_TRUTH):
        return None
    out = subprocess.run([sys.executable, LATENCY_TRUTH, "--json"] + args.latency_args.split(), cwd=ROOT,
                         env=user_env(), capture_output=True, text=True, timeout=1200)
    try:
        cases = json.loads(out.stdout.strip().splitlines()[-1])["reported_minus_truth"]
    except (IndexError, KeyError, ValueError):
        cases = None  # not the --json shape this reads: its output is shown as it is
    return {"rc": out.returncode, "cases": cases, "text": (out.stdout + out.stderr).strip()[-3000:]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="every part at the issue's sizes (the default parts)")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated: agent,cold,latency")
    parser.add_argument("--sizes", default="200,1000,3000,10000@10", help="N[@interval s], comma-separated")
    parser.add_argument("--warmup", type=int, default=60, help="s after /readyz before cartprobe is measured (JIT)")
    parser.add_argument("--jit-settle", type=int, default=180,
                        help="s at most after --warmup to wait for the JIT's compilers to go quiet (< 2 %% of CPU over 10 s)")
    parser.add_argument("--bb-warmup", type=int, default=15, help="s before blackbox_exporter is measured")
    parser.add_argument("--seconds", type=int, default=30, help="measuring window (at least 3 intervals)")
    parser.add_argument("--java-jar-sizes", default="1000", help="sizes also run as plain `java -jar` ('' for none)")
    parser.add_argument("--no-blackbox", action="store_true")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--latency-args", default="", help="arguments passed on to bench/latency-truth.py")
    args = parser.parse_args()
    args.parts = list(PARTS) if args.all else [p for p in args.parts.split(",") if p]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error("unknown part: " + ", ".join(sorted(unknown)))
    args.errors = []
    args.java_jar_sizes = {int(x) for x in args.java_jar_sizes.split(",") if x}
    if not os.path.exists(JAR):
        raise SystemExit("build first: mvn -B -q package -DskipTests")
    host = machine()
    tmp = tempfile.mkdtemp(prefix="cartprobe-bench-")
    agent, cold, latency, timings, start = [], [], None, {}, time.time()
    try:
        for part in args.parts:
            began = time.time()
            print(f"{part} ...", file=sys.stderr, flush=True)
            try:
                if part == "agent":
                    agent = agent_part(args, tmp)
                elif part == "cold":
                    cold = cold_part(args, tmp)
                else:
                    latency = latency_part(args)
            except (Exception, SystemExit) as e:
                args.errors.append(f"part {part}: {e.__class__.__name__}: {e}")
            timings[part] = time.time() - began
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    timings["total"] = time.time() - start
    print_report(args, host, agent, cold, latency, timings, java(), ROOT)


if __name__ == "__main__":
    main()
