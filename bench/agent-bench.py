#!/usr/bin/env python3
"""Scheduler and probe throughput of the real cartprobe agent, side by side with blackbox_exporter.

Starts nginx as the target (a static 200 answer, so the target costs next to nothing), then the
real jar's `agent` with N generated single-request probes at a 1 s interval, and measures over a
fixed window: runs/s achieved vs planned, scheduler lag p50/p99 (from the agent's own
cartprobe_scheduler_lag_seconds histogram), CPU-seconds per 1,000 runs, peak RSS, and /metrics
scrape time and size. With --blackbox, does the same for prometheus-blackbox-exporter driven by
a real Prometheus scraping N targets every 1 s (the way blackbox_exporter is used), measuring
the exporter's own process.

Needs: nginx (Debian nginx-light), java 25 and target/cartprobe.jar; for --blackbox also
prometheus and prometheus-blackbox-exporter. Prints a Markdown table.

  python3 bench/agent-bench.py --targets 100,1000,2000 --seconds 30 --blackbox
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import json

from benchlib import (buckets, cpu_seconds, free_port, histogram_quantile, peak_rss_mib, scrape,
                      series_sum, start_nginx, wait_http)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "cartprobe.jar")


def bench_cartprobe(n, seconds, target_port, tmp, warmup):
    agent_port = free_port()
    config = os.path.join(tmp, f"bench-{n}.yaml")
    with open(config, "w") as f:
        f.write(f"agent:\n  listen: 127.0.0.1:{agent_port}\n  max_concurrency: 512\n")
        f.write(f"environments:\n  bench:\n    vars: {{target: 'http://127.0.0.1:{target_port}'}}\n")
        f.write("probes:\n")
        for i in range(n):
            f.write(f"  - name: t{i:05d}\n    type: gateway-config\n    interval: 1s\n"
                    f"    timeout: 900ms\n    request: {{url: '{{{{target}}}}/health/{i}'}}\n"
                    f"    expect: {{status: 200}}\n")
    proc = subprocess.Popen(["java", "-XX:+UseSerialGC", "-jar", JAR, "agent", "-c", config],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, f"agent-{n}.log"), "w"))
    base = f"http://127.0.0.1:{agent_port}"
    try:
        wait_http(base + "/readyz")
        time.sleep(warmup)
        _, m0 = scrape(base + "/metrics")
        c0, t0 = cpu_seconds(proc.pid), time.time()
        time.sleep(seconds)
        _, m1 = scrape(base + "/metrics")
        c1, t1 = cpu_seconds(proc.pid), time.time()
        scrape_times = sorted(scrape(base + "/metrics")[0] for _ in range(5))
        size = len(scrape(base + "/metrics")[1].encode())
        elapsed = t1 - t0
        runs = series_sum(m1, "cartprobe_probe_runs_total") - series_sum(m0, "cartprobe_probe_runs_total")
        skipped = series_sum(m1, "cartprobe_probe_skipped_total") - series_sum(m0, "cartprobe_probe_skipped_total")
        b0, b1 = buckets(m0, "cartprobe_scheduler_lag_seconds"), buckets(m1, "cartprobe_scheduler_lag_seconds")
        delta = {le: b1.get(le, 0) - b0.get(le, 0) for le in b1}
        failed_runs = sum(float(l.rsplit(" ", 1)[1]) for l in m1.splitlines()
                          if l.startswith("cartprobe_probe_runs_total{") and 'result="failure"' in l) - \
                      sum(float(l.rsplit(" ", 1)[1]) for l in m0.splitlines()
                          if l.startswith("cartprobe_probe_runs_total{") and 'result="failure"' in l)
        return {
            "tool": "cartprobe", "targets": n, "planned": n / 1.0, "achieved": runs / elapsed,
            "failed": failed_runs, "skipped": skipped,
            "lag_p50_ms": histogram_quantile(0.5, delta) * 1000,
            "lag_p99_ms": histogram_quantile(0.99, delta) * 1000,
            "cpu_per_1000": (c1 - c0) / max(runs, 1) * 1000,
            "rss_mib": peak_rss_mib(proc.pid),
            "scrape_ms": scrape_times[len(scrape_times) // 2] * 1000, "scrape_kib": size / 1024,
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def bench_blackbox(n, seconds, target_port, tmp, warmup):
    bb_port, prom_port = free_port(), free_port()
    bb_conf = os.path.join(tmp, "blackbox.yml")
    with open(bb_conf, "w") as f:
        f.write("modules:\n  http_2xx:\n    prober: http\n    timeout: 900ms\n    http:\n      preferred_ip_protocol: ip4\n")
    prom_conf = os.path.join(tmp, f"prometheus-{n}.yml")
    targets = ", ".join(f"'http://127.0.0.1:{target_port}/health/{i}'" for i in range(n))
    with open(prom_conf, "w") as f:
        f.write(f"""global: {{scrape_interval: 1s, scrape_timeout: 900ms}}
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params: {{module: [http_2xx]}}
    static_configs: [{{targets: [{targets}]}}]
    relabel_configs:
      - {{source_labels: [__address__], target_label: __param_target}}
      - {{source_labels: [__param_target], target_label: instance}}
      - {{target_label: __address__, replacement: '127.0.0.1:{bb_port}'}}
""")
    bb = subprocess.Popen(["prometheus-blackbox-exporter", f"--config.file={bb_conf}",
                           f"--web.listen-address=127.0.0.1:{bb_port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    prom_dir = tempfile.mkdtemp(dir=tmp)
    prom = subprocess.Popen(["prometheus", f"--config.file={prom_conf}", f"--storage.tsdb.path={prom_dir}",
                             f"--web.listen-address=127.0.0.1:{prom_port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{bb_port}/metrics")
        wait_http(f"http://127.0.0.1:{prom_port}/-/ready")
        time.sleep(warmup)
        c0, t0 = cpu_seconds(bb.pid), time.time()
        time.sleep(seconds)
        c1, t1 = cpu_seconds(bb.pid), time.time()
        window = int(t1 - t0)
        query = urllib.parse.quote(f'sum(count_over_time(probe_success[{window}s]))')
        with urllib.request.urlopen(f"http://127.0.0.1:{prom_port}/api/v1/query?query={query}") as r:
            data = json.load(r)["data"]["result"]
        probes = float(data[0]["value"][1]) if data else 0.0
        query = urllib.parse.quote(f'sum(count_over_time(probe_success[{window}s]) - sum_over_time(probe_success[{window}s]))')
        with urllib.request.urlopen(f"http://127.0.0.1:{prom_port}/api/v1/query?query={query}") as r:
            data = json.load(r)["data"]["result"]
        failed = float(data[0]["value"][1]) if data else 0.0
        return {
            "tool": "blackbox_exporter", "targets": n, "planned": n / 1.0, "achieved": probes / window,
            "failed": failed, "skipped": float("nan"), "lag_p50_ms": float("nan"), "lag_p99_ms": float("nan"),
            "cpu_per_1000": (c1 - c0) / max(probes, 1) * 1000, "rss_mib": peak_rss_mib(bb.pid),
            "scrape_ms": float("nan"), "scrape_kib": float("nan"),
        }
    finally:
        for p in (prom, bb):
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default="100,1000,2000")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--blackbox", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        raise SystemExit("build first: mvn -B -q package -DskipTests")
    tmp = tempfile.mkdtemp(prefix="cartprobe-bench-")
    nginx, target_port = start_nginx(tmp)
    rows = []
    try:
        for n in [int(x) for x in args.targets.split(",")]:
            rows.append(bench_cartprobe(n, args.seconds, target_port, tmp, args.warmup))
            if args.blackbox:
                rows.append(bench_blackbox(n, args.seconds, target_port, tmp, args.warmup))
    finally:
        nginx.send_signal(signal.SIGTERM)
        nginx.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"window {args.seconds}s after {args.warmup}s warm-up, {os.cpu_count()} cores, interval 1s\n")
    print("| tool | targets | runs/s planned | runs/s achieved | failed | skipped | lag p50 | lag p99 | CPU-s per 1,000 runs | peak RSS | /metrics scrape | /metrics size |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    fmt = lambda v, unit="": "n/a" if v != v else f"{v:.1f}{unit}"
    for r in rows:
        print(f"| {r['tool']} | {r['targets']} | {r['planned']:.0f} | {r['achieved']:.0f} | {r['failed']:.0f} | {fmt(r['skipped'])} "
              f"| {fmt(r['lag_p50_ms'], ' ms')} | {fmt(r['lag_p99_ms'], ' ms')} | {r['cpu_per_1000']:.2f} "
              f"| {r['rss_mib']:.0f} MiB | {fmt(r['scrape_ms'], ' ms')} | {fmt(r['scrape_kib'], ' KiB')} |")


if __name__ == "__main__":
    main()
