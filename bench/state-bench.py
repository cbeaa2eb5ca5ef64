#!/usr/bin/env python3
"""State database benchmarks (docs/state.md, docs/benchmarks.md).

  python3 bench/state-bench.py runs      # bytes written per probe run (50 probes at 1 s)
  python3 bench/state-bench.py flap      # 10 flapping probes: delivery delay, bytes per notification
  python3 bench/state-bench.py startup   # 200 pairs x 2,880 runs: start-up time and RSS

Runs the real jar (target/cartprobe.jar) against a small Python target on this machine. Bytes
are the agent process's write_bytes from /proc/PID/io (logs go to /dev/null, so what is left
is the state database); startup uses the Dockerfile's JVM flags with the heap a 256 Mi
container gives (-Xmx154m).
"""
import http.server
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timezone

from benchlib import free_port, proc_status, wait_http

JAR = os.path.join(os.path.dirname(__file__), "..", "target", "cartprobe.jar")
DOCKER_FLAGS = ["-Xmx154m", "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError"]
arrivals = []  # (arrival time, body)
counts = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        n = counts[self.path] = counts.get(self.path, 0) + 1
        failing = self.path.startswith("/flap/") and n % 2 == 0
        body = b'{"ok":true}'
        self.send_response(500 if failing else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        arrivals.append((time.time(), body))
        self.send_response(204)
        self.end_headers()


def serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def write_bytes(pid):
    with open(f"/proc/{pid}/io") as f:
        return int(re.search(r"^write_bytes: (\d+)", f.read(), re.M).group(1))


def metric(base, name):
    with urllib.request.urlopen(base + "/metrics") as r:
        text = r.read().decode()
    return sum(float(l.rsplit(" ", 1)[1]) for l in text.splitlines()
               if l.startswith(name + "{") or l.startswith(name + " "))


def config(tmp, agent_port, target_port, probes, path, interval, alerts=""):
    file = os.path.join(tmp, "bench.yaml")
    with open(file, "w") as f:
        f.write(f"agent:\n  listen: 127.0.0.1:{agent_port}\n  max_concurrency: 256\n"
                f"  state_file: {tmp}/state.db\n")
        f.write(f"environments:\n  bench:\n    vars: {{target: 'http://127.0.0.1:{target_port}'}}\n")
        f.write("probes:\n")
        for i in range(probes):
            f.write(f"  - name: p{i:03d}\n    type: gateway-config\n    interval: {interval}\n"
                    f"    timeout: 900ms\n    request: {{url: '{{{{target}}}}/{path}/{i}'}}\n"
                    f"    expect: {{status: 200}}\n")
        f.write(alerts)
    return file


def agent(file, flags=(), log=subprocess.DEVNULL):
    return subprocess.Popen(["java", *flags, "-jar", JAR, "agent", "-c", file],
                            stdout=subprocess.DEVNULL, stderr=log)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def bench_runs(tmp, seconds=30):
    target, port = serve(), free_port()
    proc = agent(config(tmp, port, target, 50, "ok", "1s"), ["-XX:+UseSerialGC"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/readyz", 120, 0.05)
        time.sleep(8)
        r0, b0 = metric(base, "cartprobe_probe_runs_total"), write_bytes(proc.pid)
        time.sleep(seconds)
        r1, b1 = metric(base, "cartprobe_probe_runs_total"), write_bytes(proc.pid)
        runs = r1 - r0
        print(json.dumps({"scenario": "runs", "runs": runs, "bytes": b1 - b0,
                          "bytes_per_run": (b1 - b0) / runs,
                          "db_bytes": metric(base, "cartprobe_state_size_bytes")}))
        return (b1 - b0) / runs
    finally:
        stop(proc)


def bench_flap(tmp, per_run, seconds=40):
    target, port = serve(), free_port()
    alerts = (f"alerts:\n  - name: flapping\n    when: {{consecutive_failures: 1}}\n"
              f"    resolve_after: 1\n    notify: [hook]\n"
              f"webhooks:\n  - name: hook\n    url: http://127.0.0.1:{target}/hook\n"
              f"    format: json\n    send_resolved: true\n")
    proc = agent(config(tmp, port, target, 10, "flap", "1s", alerts), ["-XX:+UseSerialGC"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/readyz", 120, 0.05)
        time.sleep(5)
        arrivals.clear()
        r0, b0 = metric(base, "cartprobe_probe_runs_total"), write_bytes(proc.pid)
        time.sleep(seconds)
        r1, b1 = metric(base, "cartprobe_probe_runs_total"), write_bytes(proc.pid)
        got = list(arrivals)
        delays = []
        for at, body in got:
            sent = json.loads(body)["at"]
            decided = datetime.fromisoformat(sent.replace("Z", "+00:00")).timestamp()
            delays.append(at - decided)
        delays.sort()
        runs, notes = r1 - r0, len(got)
        print(json.dumps({"scenario": "flap", "runs": runs, "notifications": notes,
                          "skipped": metric(base, "cartprobe_probe_skipped_total"),
                          "delay_p50_s": statistics.median(delays),
                          "delay_p99_s": delays[int(len(delays) * 0.99) - 1],
                          "delay_max_s": delays[-1], "bytes": b1 - b0,
                          "bytes_per_notification": (b1 - b0 - runs * per_run) / notes}))
    finally:
        stop(proc)


def bench_startup(tmp, pairs=200, runs=2880):
    target, port = serve(), free_port()
    file = config(tmp, port, target, pairs, "ok", "30s")
    first = agent(file, DOCKER_FLAGS)
    wait_http(f"http://127.0.0.1:{port}/readyz", 120, 0.05)
    time.sleep(3)
    stop(first)
    db = sqlite3.connect(os.path.join(tmp, "state.db"))
    now = time.time_ns()
    rows = []
    for p in range(pairs):
        for i in range(runs):
            started = now - (runs - i) * 30_000_000_000
            failed = i % 20 == 0
            rows.append((f"p{p:03d}", "bench", "failure" if failed else "success", started,
                         started + 180_000_000, 180_000_000,
                         "request" if failed else None, "gateway" if failed else None,
                         "status" if failed else None,
                         "expected status 200, got 500" if failed else None,
                         500 if failed else None, os.urandom(16).hex()))
    db.executemany("INSERT INTO runs (probe, environment, verdict, started_at, finished_at, "
                   "duration_ns, failed_step, component, reason, message, http_status, trace_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = os.path.getsize(os.path.join(tmp, "state.db"))
    log = os.path.join(tmp, "agent.log")
    t0 = time.time()
    proc = agent(file, DOCKER_FLAGS, open(log, "w"))
    try:
        wait_http(f"http://127.0.0.1:{port}/readyz", 120, 0.05)
        ready = time.time() - t0
        rss_ready = proc_status(proc.pid, "VmRSS") / 1024
        time.sleep(30)
        alive = proc.poll() is None
        with open(log) as f:
            read = re.search(r"history of \d+ pairs \((\d+) runs\) read in (\d+) ms", f.read())
        print(json.dumps({"scenario": "startup", "pairs": pairs, "runs_per_pair": runs,
                          "db_mib": size / 2**20, "ready_s": ready,
                          "history_runs_read": int(read.group(1)) if read else None,
                          "history_read_ms": int(read.group(2)) if read else None,
                          "rss_ready_mib": rss_ready,
                          "rss_after_30s_mib": proc_status(proc.pid, "VmRSS") / 1024 if alive else None,
                          "peak_rss_mib": proc_status(proc.pid, "VmHWM") / 1024 if alive else None,
                          "alive_after_30s": alive}))
    finally:
        if proc.poll() is None:
            stop(proc)


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    with tempfile.TemporaryDirectory(dir=os.getcwd(), prefix=".state-bench-") as tmp:
        per_run = None
        if what in ("runs", "flap", "all"):
            os.makedirs(os.path.join(tmp, "runs"))
            per_run = bench_runs(os.path.join(tmp, "runs"))
        if what in ("flap", "all"):
            os.makedirs(os.path.join(tmp, "flap"))
            bench_flap(os.path.join(tmp, "flap"), per_run)
        if what in ("startup", "all"):
            os.makedirs(os.path.join(tmp, "startup"))
            bench_startup(os.path.join(tmp, "startup"))


if __name__ == "__main__":
    main()
