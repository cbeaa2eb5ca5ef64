#!/usr/bin/env python3
"""Soak: the real agent (started by bin/cartprobe, as the README does) on N mixed targets for a
while, sampling every minute: heap after a full GC, threads, open files, RSS, runs done,
scheduler lag p99 over the minute, runs skipped, webhooks received. Ends with a verdict on
growth (leaks) and exits 1 if something grew past its allowance.

  bash bench/soak.sh                      # 500 targets, 30 minutes
  bash bench/soak.sh --minutes 3          # the version CI runs
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from benchlib import buckets, free_port, histogram_quantile, open_fds, proc_status, scrape, \
    series_sum, wait_http
from mixed_target import Target

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Share of the targets per behaviour; the rest are healthy two-step checkouts.
MIX = [("slow", 0.10), ("error", 0.05), ("hang", 0.04), ("reset", 0.04), ("big", 0.03),
       ("loop", 0.02), ("flap", 0.02)]


def probes_yaml(n, port, hook_port):
    kinds = []
    for kind, share in MIX:
        kinds += [kind] * max(1, round(n * share))
    kinds += ["ok"] * max(0, n - len(kinds))
    lines = [f"""agent:
  max_concurrency: 256
environments:
  soak:
    vars: {{base: "http://127.0.0.1:{port}"}}
    secrets: {{token: "sk_soak_0123456789"}}
probes:"""]
    for i, kind in enumerate(kinds[:n]):
        interval = 5 + i % 11  # 5..15 s: spread rhythms
        if kind == "ok":
            lines.append(f"""  - name: p{i:04d}-ok
    type: checkout
    interval: {interval}s
    timeout: 3s
    steps:
      - name: create_cart
        request: {{method: POST, url: "{{{{base}}}}/ok", headers: {{Authorization: "Bearer {{{{secret.token}}}}"}}}}
        expect: {{status: 200, json: {{"$.status": {{equals: ok}}}}}}
        extract: {{cart: "$.cart"}}
      - name: view_cart
        request: {{url: "{{{{base}}}}/ok?cart={{{{cart}}}}"}}
        expect: {{body: {{matches: "\\"status\\"\\\\s*:"}}}}""")
        else:
            lines.append(f"""  - name: p{i:04d}-{kind}
    type: checkout
    interval: {interval}s
    timeout: 2s
    steps:
      - name: page
        request: {{url: "{{{{base}}}}/{kind}"}}""")
    lines.append(f"""alerts:
  - name: flapping
    when: {{consecutive_failures: 2}}
    resolve_after: 1
    notify: [sink]
    probes: [{", ".join(f"p{i:04d}-flap" for i, k in enumerate(kinds[:n]) if k == "flap")}]
webhooks:
  - name: sink
    url: http://127.0.0.1:{hook_port}/hook
    format: json
    send_resolved: true
""")
    return "\n".join(lines) + "\n"


def heap_after_gc_mib(pid, jcmd):
    subprocess.run([jcmd, str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=60)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True,
                         timeout=60).stdout
    used = 0  # a line per generation ("DefNew total 116160K, used 64152K [...]", "Tenured ...",
    # "garbage-first heap ..."); the indented lines below each are its spaces
    for line in out.splitlines():
        parts = line.replace(",", " ").split()
        if line[:1].strip() and "used" in parts and "total" in parts:
            value = parts[parts.index("used") + 1]
            used += int(value[:-1]) if value.endswith("K") else 0
    return used / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--targets", type=int, default=500)
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--sample", type=float, default=60, help="seconds between samples")
    args = ap.parse_args()

    java_home = os.environ.get("JAVA_HOME", "")
    jcmd = os.path.join(java_home, "bin", "jcmd") if java_home else shutil.which("jcmd")
    target = Target()
    tmp = tempfile.mkdtemp(prefix="cartprobe-soak-")
    config = os.path.join(tmp, "probes.yaml")
    with open(config, "w") as f:
        f.write(probes_yaml(args.targets, target.port, target.port))
    agent_port = free_port()
    log = open(os.path.join(tmp, "agent.log"), "w")
    agent = subprocess.Popen([os.path.join(ROOT, "bin", "cartprobe"), "agent", "-c", config,
                              "--listen", f"127.0.0.1:{agent_port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{agent_port}"
    rows = []
    try:
        wait_http(base + "/healthz")
        print(f"soak: {args.targets} targets for {args.minutes:g} min, agent pid {agent.pid}, "
              f"log {log.name}", flush=True)
        print("| minute | heap after GC MiB | threads | fds | RSS MiB | runs | lag p99 ms | skipped | webhooks |")
        print("|---|---|---|---|---|---|---|---|---|", flush=True)
        end = time.time() + args.minutes * 60
        prev_lag, prev_runs = {}, 0.0
        began = time.time()
        while time.time() + args.sample <= end + 1:
            time.sleep(args.sample)
            minute = (time.time() - began) / 60
            if agent.poll() is not None:
                raise SystemExit(f"soak: the agent exited with {agent.returncode}; see {log.name}")
            _, text = scrape(base + "/metrics")
            lag = buckets(text, "cartprobe_scheduler_lag_seconds")
            delta = {le: c - prev_lag.get(le, 0.0) for le, c in lag.items()}
            prev_lag = lag
            runs = series_sum(text, "cartprobe_probe_runs_total")
            row = {
                "minute": minute,
                "heap": heap_after_gc_mib(agent.pid, jcmd),
                "threads": proc_status(agent.pid, "Threads"),
                "fds": open_fds(agent.pid),
                "rss": proc_status(agent.pid, "VmRSS") / 1024,
                "runs": runs - prev_runs,
                "lag": histogram_quantile(0.99, delta) * 1000 if delta else float("nan"),
                "skipped": series_sum(text, "cartprobe_probe_skipped_total"),
                "hooks": target.hooks,
            }
            prev_runs = runs
            rows.append(row)
            print(f"| {row['minute']:.1f} | {row['heap']:.1f} | {row['threads']} | {row['fds']} | "
                  f"{row['rss']:.0f} | {row['runs']:.0f} | {row['lag']:.1f} | {row['skipped']:.0f} | "
                  f"{row['hooks']} |", flush=True)
    finally:
        agent.send_signal(signal.SIGTERM)
        try:
            agent.wait(timeout=30)
        except subprocess.TimeoutExpired:
            agent.kill()
        target.close()
    return verdict(rows, agent.returncode)


def verdict(rows, exit_code):
    """Growth from the second sample (warmed up) to the last, against allowances that a leak of
    one object, thread or file per run would pass within minutes."""
    problems = []
    if exit_code != 0:
        problems.append(f"the agent exited with {exit_code} on SIGTERM")
    if len(rows) >= 2:
        first, last = rows[1] if len(rows) > 2 else rows[0], rows[-1]
        allow = {"threads": (1.25, 16), "fds": (1.25, 32), "heap": (1.5, 16)}
        for key, (factor, extra) in allow.items():
            if last[key] > first[key] * factor + extra:
                problems.append(f"{key} grew from {first[key]:.0f} to {last[key]:.0f}")
        if any(r["runs"] <= 0 for r in rows):
            problems.append("a minute without a single run")
    if not any(r["hooks"] for r in rows):
        problems.append("no webhook delivered (the flapping probes should fire and resolve)")
    print("soak verdict: " + ("ok" if not problems else "; ".join(problems)), flush=True)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
