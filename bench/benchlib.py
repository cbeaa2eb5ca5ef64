"""Helpers the bench scripts share: ports, readiness, /proc figures, Prometheus text parsing."""
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
NAN = float("nan")  # a figure this run did not measure


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, deadline_s=60, poll_s=0.2):
    """Until url answers 200; poll_s short when the wait itself is what is measured."""
    end = time.time() + deadline_s
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(poll_s)
    raise SystemExit("not ready in time: " + url)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def compiler_cpu_seconds(pid):
    """CPU-s of the JIT's compiler threads (C1, C2) so far; threads that ended are not counted."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue  # the thread ended between the listing and the read
        name = text[text.index("(") + 1:text.rindex(")")]
        if "CompilerThre" in name:  # "C2 CompilerThread0", cut to 15 characters by the kernel
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / CLK_TCK


def wait_jit_quiet(pid, share=0.02, window_s=10, deadline_s=180):
    """Until the JIT's compiler threads used less than `share` of the process's CPU over one
    window_s, or deadline_s passed: a long-running JVM's steady state, not its warm-up.
    Returns the seconds waited."""
    start = time.time()
    while True:
        c0, j0 = cpu_seconds(pid), compiler_cpu_seconds(pid)
        time.sleep(window_s)
        c1, j1 = cpu_seconds(pid), compiler_cpu_seconds(pid)
        if (j1 - j0) / max(c1 - c0, 1e-9) < share or time.time() - start >= deadline_s:
            return time.time() - start


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_samples_mib(pid, seconds, every_s=1.0):
    """VmRSS sampled over a window (not VmHWM: a start-up peak is not what a pod pays for)."""
    samples, end = [], time.time() + seconds
    while True:
        samples.append(proc_status(pid, "VmRSS") / 1024)
        left = end - time.time()
        if left <= 0:
            return samples
        time.sleep(min(every_s, left))


# Forks the command from a fresh, small interpreter: a child's peak RSS (ru_maxrss) starts at its
# parent's RSS at fork, so forking from a bench process that holds large configs would report that.
_TIMED = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
print(json.dumps([time.perf_counter() - start, ru.ru_utime + ru.ru_stime, ru.ru_maxrss,
                  os.waitstatus_to_exitcode(status)]))
"""


def timed_run(cmd, env=None, cwd=None):
    """Runs cmd to the end: (wall s, CPU s, peak RSS MiB, exit code, stderr), from its own rusage."""
    with tempfile.TemporaryFile() as err:
        out = subprocess.run([sys.executable, "-c", _TIMED] + cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                             stderr=err, check=True)
        wall, cpu, maxrss_kib, code = json.loads(out.stdout)
        err.seek(0)
        return wall, cpu, maxrss_kib / 1024, code, err.read().decode(errors="replace")


def median(values):
    return statistics.median(values) if values else float("nan")


def first_line(cmd):
    """The first line a tool prints about itself (stdout or stderr), or why it could not run."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return ((out.stdout or "") + (out.stderr or "")).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired) as e:
        return f"not available ({e.__class__.__name__})"


def machine():
    """What a reader needs to judge a timing: cores, CPU model, load before the run, memory."""
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {"cores": os.cpu_count(), "model": model, "load": os.getloadavg(),
            "mem_gib": mem_kib / 1024 / 1024, "kernel": platform.release()}


def scrape(url, accept="text/plain"):
    req = urllib.request.Request(url, headers={"Accept": accept})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        body = r.read()
    return time.perf_counter() - start, body.decode()


def scrape_gzip(url, accept="text/plain"):
    """A scrape as Prometheus makes it (Accept-Encoding: gzip): seconds and the bytes on the wire."""
    req = urllib.request.Request(url, headers={"Accept": accept, "Accept-Encoding": "gzip"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        body = r.read()
        gzipped = r.headers.get("Content-Encoding") == "gzip"
    return time.perf_counter() - start, len(body), gzipped


def series_sum(text, name, without=None):
    """Sum of a metric's series; without: skip the series whose labels contain this text."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            if without is None or without not in line.rsplit(" ", 1)[0]:
                total += float(line.rsplit(" ", 1)[1])
    return total


def buckets(text, name):
    """Cumulative bucket counts of a histogram, summed over all label sets: {le: count}."""
    result = {}
    prefix = name + "_bucket{"
    for line in text.splitlines():
        if line.startswith(prefix):
            labels, value = line[len(prefix):].rsplit("} ", 1)
            le = [p.split("=", 1)[1].strip('"') for p in labels.split(",") if p.startswith("le=")][0]
            le = float("inf") if le == "+Inf" else float(le)
            result[le] = result.get(le, 0.0) + float(value)
    return result


def histogram_quantile(q, cumulative):
    """Prometheus's histogram_quantile: linear interpolation inside the bucket."""
    les = sorted(cumulative)
    total = cumulative[les[-1]]
    if total <= 0:
        return float("nan")
    rank = q * total
    prev_le, prev_count = 0.0, 0.0
    for le in les:
        count = cumulative[le]
        if count >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * (rank - prev_count) / max(count - prev_count, 1e-9)
        prev_le, prev_count = le, count
    return les[-1]


def proc_status(pid, key):
    """A field of /proc/PID/status as an int (kB for memory fields), or None."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def start_nginx(tmp):
    port = free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  keepalive_requests 100000;
  server {{
    listen 127.0.0.1:{port};
    location / {{ default_type application/json; return 200 '{{"status":"ok"}}'; }}
  }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", tmp], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/health")
    return proc, port


def wire(url, n):
    """What a Prometheus scrape (Accept-Encoding: gzip) moves: bytes per target, and the median of 7."""
    scrapes = [scrape_gzip(url) for _ in range(7)]
    return {"wire_bytes_per_target": scrapes[-1][1] / n if scrapes[-1][2] else NAN,
            "wire_scrape_ms": median([s[0] for s in scrapes]) * 1000}
