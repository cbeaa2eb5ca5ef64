#!/usr/bin/env python3
"""Hard kills: the real agent (bin/cartprobe) with a state_file, 5 probes on a target that flips
between up and down every PERIOD seconds, one alert that fires on the first failure and resolves
on the first success, a json webhook to a receiver that records every delivery. The agent is
killed with SIGKILL at a random moment, ROUNDS times, and started again on the same state file;
at the end it runs a while and stops with SIGTERM.

Then, per probe: every flip of the target that the agent was up to see (it ran for SETTLE seconds
after the flip) and that changes what was last notified must have been notified (firing after
going down, resolved after coming up) before the next flip; a missing one is *lost*. (A flip back
to what was last notified needs nothing: the agent was down for the whole other half.) A delivery whose webhook-id (or, unsigned,
event id) came before is a *re-send* (at-least-once after a kill between sending and saving); two notifications
of the same status for one probe without the other in between are a *repeat* (a restart that
notified on its own). Prints the counts and exits 1 if any was lost.

  mvn -B -q package -DskipTests && python3 bench/hard-kills.py [--rounds 50] [--period 6]
  python3 bench/hard-kills.py --analyse RUN.json     # the counts again from a run's raw record
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

from benchlib import free_port, wait_http
from mixed_target import Target

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBES = 5


def config(port, period, state):
    probes = "\n".join(f"""  - name: flap-{i}
    type: checkout
    interval: 1s
    timeout: 2s
    steps:
      - {{name: page, request: {{url: "http://127.0.0.1:{port}/flap?period={period}"}}}}"""
                       for i in range(PROBES))
    return f"""agent:
  state_file: {state}
environments:
  prod: {{}}
probes:
{probes}
alerts:
  - name: flapping
    when: {{consecutive_failures: 1}}
    resolve_after: 1
    notify: [sink]
webhooks:
  - name: sink
    url: http://127.0.0.1:{port}/hook
    format: json
    send_resolved: true
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--period", type=float, default=6.0, help="seconds up, then as long down")
    ap.add_argument("--settle", type=float, default=4.0,
                    help="seconds the agent must be up after a flip for it to count")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--analyse", metavar="RUN.json", help="only count, from a run's raw record")
    args = ap.parse_args()
    if args.analyse:
        with open(args.analyse) as f:
            raw = json.load(f)
        return report(raw["started"], raw["up"], raw["deliveries"], args)
    rng = random.Random(args.seed)
    target = Target()
    tmp = tempfile.mkdtemp(prefix="cartprobe-kills-")
    path = os.path.join(tmp, "probes.yaml")
    with open(path, "w") as f:
        f.write(config(target.port, args.period, os.path.join(tmp, "state.db")))
    log = open(os.path.join(tmp, "agent.log"), "w")
    up = []  # (from, to) wall-clock intervals the agent was serving

    def start():
        port = free_port()
        agent = subprocess.Popen([os.path.join(ROOT, "bin", "cartprobe"), "agent", "-c", path,
                                  "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=log)
        wait_http(f"http://127.0.0.1:{port}/healthz")
        return agent, time.time()

    for round_ in range(args.rounds):
        agent, since = start()
        time.sleep(rng.uniform(0.5, 2.5 * args.period))
        agent.send_signal(signal.SIGKILL)
        agent.wait()
        up.append((since, time.time()))
        print(f"round {round_ + 1}/{args.rounds}: killed after {up[-1][1] - since:.1f} s",
              flush=True)
    agent, since = start()
    time.sleep(3 * args.period)
    agent.send_signal(signal.SIGTERM)
    agent.wait(timeout=30)
    up.append((since, time.time()))
    target.close()
    deliveries = [(at, hook_id or json.loads(body)["id"], json.loads(body)["probe"],
                   json.loads(body)["status"]) for at, hook_id, body in target.deliveries]
    with open(os.path.join(tmp, "run.json"), "w") as f:
        json.dump({"started": target.started, "up": up, "deliveries": deliveries}, f)
    print(f"raw: {os.path.join(tmp, 'run.json')}, agent log: {log.name}")
    return report(target.started, up, deliveries, args)


def report(started, up, deliveries, args):
    """deliveries: (arrival, delivery id: webhook-id when signed, else the event id, probe, status)"""
    seen_ids, resends, repeats = set(), 0, 0
    by_probe = {}
    for arrived, delivery, probe, status in deliveries:
        if delivery in seen_ids:
            resends += 1
            continue
        seen_ids.add(delivery)
        by_probe.setdefault(probe, []).append((arrived, status))
    for events in by_probe.values():
        for (_, a), (_, b) in zip(events, events[1:]):
            repeats += a == b
    flips, lost = 0, 0
    t = started + args.period
    end = up[-1][1]
    while t + args.period <= end:
        status = "resolved" if int((t + 0.01 - started) // args.period) % 2 == 0 else "firing"
        if any(a <= t and t + args.settle <= b for a, b in up):
            for i in range(PROBES):
                events = by_probe.get(f"flap-{i}", [])
                before = [s for at, s in events if at < t]
                if (before[-1] if before else "resolved") == status:
                    continue  # nothing new to say: it was down for the whole other half
                flips += 1
                lost += not any(t <= at < t + args.period and s == status for at, s in events)
        t += args.period
    print(f"\n{args.rounds} hard kills: {flips} flips the agent was up to see, {lost} lost; "
          f"{len(deliveries)} deliveries, {resends} re-sent (same webhook-id), "
          f"{repeats} repeated statuses")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
