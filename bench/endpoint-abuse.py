#!/usr/bin/env python3
"""Endpoint abuse: the real agent (bin/cartprobe) on N healthy probes at 1 s while its endpoints
are attacked, one phase after another: a flood of clients on /metrics and /, slow partial
requests (one byte every few seconds), and parallel /probe calls. Per phase: what the attackers
got, the probes' scheduler lag p99, false failures of the healthy probes, the slowest /healthz
and the agent's peak RSS. Prints a Markdown table.

  mvn -B -q package -DskipTests && python3 bench/endpoint-abuse.py [--probes 200] [--seconds 30]
"""
import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from benchlib import buckets, free_port, histogram_quantile, proc_status, scrape, series_sum, \
    start_nginx, wait_http

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def config(n, port):
    probes = "\n".join(f"""  - name: p{i:04d}
    type: checkout
    interval: 1s
    timeout: 2s
    steps:
      - {{name: page, request: {{url: "http://127.0.0.1:{port}/ok"}}, expect: {{status: 200}}}}"""
                       for i in range(n))
    return f"agent:\n  max_concurrency: 256\nenvironments:\n  prod: {{}}\nprobes:\n{probes}\n"


def flood(port, clients, stop, counts):
    def client(path):
        done = 0
        while not stop.is_set():
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                while not stop.is_set():
                    c.request("GET", path)
                    c.getresponse().read()
                    done += 1
            except Exception:
                counts["errors"] += 1
        counts["requests"] += done
    return [threading.Thread(target=client, args=("/metrics" if i % 2 else "/",), daemon=True)
            for i in range(clients)]


def slow(port, clients, stop, counts):
    def client():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=60)
            request = b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
            for byte in request:
                if stop.is_set():
                    break
                s.send(bytes([byte]))
                stop.wait(5)
            counts["requests"] += 1
        except OSError:
            counts["closed_by_agent"] += 1
    return [threading.Thread(target=client, daemon=True) for _ in range(clients)]


def probes(port, clients, stop, counts):
    def client(i):
        while not stop.is_set():
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("GET", f"/probe?probe=p{i % 50:04d}&env=prod")
                r = c.getresponse()
                r.read()
                counts["requests" if r.status == 200 else "refused"] += 1
            except Exception:
                counts["errors"] += 1
    return [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]


def failure_reasons(after, before):
    """{reason: count} of the failures between two scrapes, as a short text."""
    def by_reason(text):
        counts = {}
        for line in text.splitlines():
            if line.startswith("cartprobe_probe_failures_total{") and 'reason="' in line:
                reason = line.split('reason="', 1)[1].split('"', 1)[0]
                counts[reason] = counts.get(reason, 0) + float(line.rsplit(" ", 1)[1])
        return counts
    a, b = by_reason(after), by_reason(before)
    delta = {r: a[r] - b.get(r, 0) for r in a if a[r] - b.get(r, 0) > 0}
    return "(" + ", ".join(f"{r} {n:.0f}" for r, n in sorted(delta.items())) + ")" if delta else ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--probes", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cartprobe-abuse-")
    # The healthy target is nginx, its own process: a target in this one would slow down with
    # the attacking threads and make the agent's probes look slow for the wrong reason.
    nginx, target_port = start_nginx(tmp)
    path = os.path.join(tmp, "probes.yaml")
    with open(path, "w") as f:
        f.write(config(args.probes, target_port))
    port = free_port()
    log = open(os.path.join(tmp, "agent.log"), "w")
    agent = subprocess.Popen([os.path.join(ROOT, "bin", "cartprobe"), "agent", "-c", path,
                              "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    phases = [("none (baseline)", None, 0), ("flood of /metrics and /", flood, 500),
              ("slow partial requests", slow, 1000), ("parallel /probe", probes, 200)]
    print(f"| attack | clients | {args.seconds:g} s: served / refused / errors or closed | lag p99 ms "
          "| false failures | slowest /healthz ms | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    try:
        wait_http(base + "/healthz")
        time.sleep(5)  # warm-up: first runs, JIT
        for name, attack, clients in phases:
            _, before = scrape(base + "/metrics")
            stop = threading.Event()
            counts = {"requests": 0, "refused": 0, "errors": 0, "closed_by_agent": 0}
            threads = attack(port, clients, stop, counts) if attack else []
            for t in threads:
                t.start()
            end = time.time() + args.seconds
            slowest, peak = 0.0, 0
            while time.time() < end:
                start = time.perf_counter()
                try:
                    wait_http(base + "/healthz", deadline_s=30)
                    slowest = max(slowest, time.perf_counter() - start)
                except SystemExit:
                    slowest = float("inf")
                peak = max(peak, proc_status(agent.pid, "VmRSS"))
                time.sleep(0.5)
            stop.set()
            for t in threads:
                t.join(timeout=15)
            _, after = scrape(base + "/metrics")
            lag = {le: c - buckets(before, "cartprobe_scheduler_lag_seconds").get(le, 0)
                   for le, c in buckets(after, "cartprobe_scheduler_lag_seconds").items()}
            failures = series_sum(after, "cartprobe_probe_failures_total") - series_sum(
                before, "cartprobe_probe_failures_total")
            reasons = failure_reasons(after, before)
            print(f"| {name} | {clients} | {counts['requests']} / {counts['refused']} / "
                  f"{counts['errors'] + counts['closed_by_agent']} | "
                  f"{histogram_quantile(0.99, lag) * 1000:.1f} | {failures:.0f} {reasons} | {slowest * 1000:.0f} | "
                  f"{peak / 1024:.0f} |", flush=True)
    finally:
        agent.send_signal(signal.SIGTERM)
        agent.wait(timeout=30)
        nginx.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
