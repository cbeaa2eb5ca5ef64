#!/usr/bin/env python3
"""Latency truth: how far a step's reported duration is from what the server took.

A fixed-delay HTTP target (this script, in-process) answers GET /d/<ms>/<key> after sleeping
<ms> and records its own time per key: from the request line read to the response flushed.
That is the truth. Against it:
  cold   the first (only) step of a fresh `cartprobe run -o json` process, REPEAT times
  warm   steps 11..40 of one 40-step probe in one `run` (the client path warm)
  agent  the agent's runs of a single-step probe at 1 s (its first, cold run included), read
         from /api/status (deduplicated by trace id)
  curl   curl's time_total on the same target
and prints p50/p99/max of reported - truth in ms for each, and where it goes: the mean of each
timing phase (cartprobe's timings_seconds; curl's time_connect, time_pretransfer,
time_starttransfer), with the first byte's wait less the server's truth ("ttfb - truth").

cartprobe is started as the README starts it, through bin/cartprobe (its JVM flags, its AOT
cache); --java-jar runs `java -jar JAR` with the JVM's defaults instead.

Usage: bench/latency-truth.py [--java-jar [--jar target/cartprobe.jar]] [--delay-ms 20]
       [--repeat 20] [--json]    (one JSON object on stdout, for bench/agent-bench.py to read)
"""
import argparse
import http.server
import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import free_port, wait_http  # noqa: E402

TRUTH = {}  # key -> seconds the server took
LOCK = threading.Lock()


class Target(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def handle_one_request(self):
        # The clock starts once the request line is in: the wait for the client is not the
        # server's time.
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline:
            self.close_connection = True
            return
        start = time.perf_counter()
        if not self.parse_request():
            return
        parts = self.path.split("/")
        ms = int(parts[2]) if len(parts) > 3 and parts[1] == "d" else 0
        key = parts[3] if len(parts) > 3 else ""
        if ms:
            time.sleep(ms / 1000)
        body = b'{"ok":true}'
        # One write with Nagle off: a response split over two segments waits for a delayed
        # ACK (40 ms on Linux), which is the target's artefact, not the client's.
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.wfile.flush()
        with LOCK:
            TRUTH[key] = time.perf_counter() - start

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def truth_of(key, deadline_s=5.0):
    """The server's time for key; it stores it after its flush, which can come after the client read
    the answer (and a cold run exited), so wait for it a little rather than drop the sample."""
    end = time.time() + deadline_s
    while True:
        with LOCK:
            if key in TRUTH:
                return TRUTH[key]
        if time.time() >= end:
            return None
        time.sleep(0.01)


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


PHASES = ("connect", "request", "ttfb - truth", "transfer")


def summary(name, samples):
    """samples: (reported - truth in ms, {phase: ms}) per matched step."""
    diffs_ms = [d for d, _ in samples]
    phases = {p: round(sum(ph.get(p, 0.0) for _, ph in samples) / max(len(samples), 1), 3) for p in PHASES}
    return {"case": name, "n": len(diffs_ms), "p50_ms": round(pct(diffs_ms, 50), 3),
            "p99_ms": round(pct(diffs_ms, 99), 3), "max_ms": round(max(diffs_ms, default=float("nan")), 3),
            "phase_means_ms": phases}


def sample(reported_s, truth_s, timings_s):
    """One matched step: reported - truth and the phases in ms, the first byte's wait less the truth."""
    ph = {k: v * 1000 for k, v in timings_s.items() if k in ("connect", "request", "transfer")}
    ph["ttfb - truth"] = (timings_s.get("ttfb", 0.0) - truth_s) * 1000
    return (reported_s - truth_s) * 1000, ph


def config(path, target, steps, prefix, delay_ms, agent_port=None):
    with open(path, "w") as f:
        if agent_port:
            f.write(f"agent:\n  listen: 127.0.0.1:{agent_port}\n")
        f.write(f"environments:\n  bench:\n    vars: {{target: 'http://127.0.0.1:{target}'}}\n")
        f.write("probes:\n  - name: truth\n    type: checkout\n    interval: 1s\n    timeout: 5s\n    steps:\n")
        for i in range(steps):
            # the key carries a per-run random value so the server can tell runs apart
            f.write(f"      - name: s{i}\n        request: {{url: '{{{{target}}}}/d/{delay_ms}/"
                    f"{prefix}{{{{uuid}}}}x{i}'}}\n")


def steps_of(doc):
    runs = doc["results"] if isinstance(doc, dict) and "results" in doc else doc
    if isinstance(runs, dict):
        runs = [runs]
    for run in runs:
        for s in run["steps"]:
            yield s


def step_ms(step):
    return float(step["duration_seconds"]) * 1000


def key_of(step):
    """The server's key for a step, or None for a step that never reached it."""
    url = step.get("url") or ""
    return url.rsplit("/", 1)[1] if "/" in url and step.get("status") == "passed" else None


def command(a):
    """cartprobe as the README starts it (bin/cartprobe: its JVM flags and AOT cache), or --java-jar."""
    if a.java_jar:
        return [a.java, "-jar", a.jar]
    return [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", "cartprobe")]


def run_cartprobe(prefix, cfg):
    out = subprocess.run(prefix + ["run", "-c", cfg, "-o", "json"],
                         capture_output=True, text=True, timeout=120)
    if not out.stdout.strip():
        raise SystemExit("run printed nothing: " + out.stderr[-2000:])
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="target/cartprobe.jar", help="with --java-jar")
    ap.add_argument("--java-jar", action="store_true", help="java -jar JAR instead of bin/cartprobe")
    ap.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"))
    ap.add_argument("--delay-ms", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--agent-seconds", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    srv = Server(("127.0.0.1", 0), Target)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    port = srv.server_address[1]
    tmp = tempfile.mkdtemp(prefix="latency-truth-")
    results = []

    def diffs(steps):
        out = []
        for s in steps:
            key = key_of(s)
            truth = truth_of(key) if key else None
            if truth is not None:
                out.append(sample(step_ms(s) / 1000, truth, s.get("timings_seconds") or {}))
        return out

    one = os.path.join(tmp, "one.yaml")
    config(one, port, 1, "c", a.delay_ms)
    cold = []
    for _ in range(a.repeat):
        cold += diffs(steps_of(run_cartprobe(command(a), one)))
    results.append(summary("cold run, first step", cold))

    many = os.path.join(tmp, "many.yaml")
    config(many, port, 40, "w", a.delay_ms)
    warm = []
    for _ in range(max(1, a.repeat // 5)):
        warm += diffs(list(steps_of(run_cartprobe(command(a), many)))[10:])
    results.append(summary("warm client (steps 11-40 of a run)", warm))

    agent_port = free_port()
    acfg = os.path.join(tmp, "agent.yaml")
    config(acfg, port, 1, "a", a.delay_ms, agent_port)
    agent = subprocess.Popen(command(a) + ["agent", "-c", acfg],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{agent_port}/readyz")
        seen, adiffs = set(), []
        end = time.time() + a.agent_seconds
        while time.time() < end:
            time.sleep(0.3)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{agent_port}/api/status",
                                            timeout=5) as r:
                    run = json.loads(r.read())["probes"][0]["last_result"]
            except Exception:
                continue
            if not isinstance(run, dict) or "steps" not in run or run.get("trace_id") in seen:
                continue
            seen.add(run.get("trace_id"))
            adiffs += diffs(run["steps"])
        # the first run is the agent's cold one; it is in the figures on purpose
        results.append(summary("agent, single-step probe at 1 s", adiffs))
    finally:
        agent.terminate()
        agent.wait(30)

    curl = shutil.which("curl")
    if curl:
        cdiffs = []
        for i in range(a.repeat):
            key = f"curl{i}"
            out = subprocess.run([curl, "-s", "-o", "/dev/null", "-w",
                                  "%{time_connect} %{time_pretransfer} %{time_starttransfer} %{time_total}",
                                  f"http://127.0.0.1:{port}/d/{a.delay_ms}/{key}"],
                                 capture_output=True, text=True).stdout
            truth = truth_of(key)
            if truth is not None:
                connect, pretransfer, first_byte, total = map(float, out.split())
                cdiffs.append(sample(total, truth, {"connect": connect, "request": pretransfer - connect,
                                                    "ttfb": first_byte - pretransfer,
                                                    "transfer": total - first_byte}))
        results.append(summary("curl time_total", cdiffs))

    srv.shutdown()
    if a.json:
        print(json.dumps({"delay_ms": a.delay_ms, "reported_minus_truth": results}))
        return
    print(f"reported - server truth, ms (target delay {a.delay_ms} ms)")
    print(f"  {'case':40} {'n':>4} {'p50':>8} {'p99':>8} {'max':>8}   means: " + ", ".join(PHASES))
    for r in results:
        means = ", ".join(f"{r['phase_means_ms'][p]:.2f}" for p in PHASES)
        print(f"  {r['case']:40} {r['n']:>4} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['max_ms']:>8.2f}   {means}")


if __name__ == "__main__":
    main()
