"""blackbox_exporter's side of bench/agent-bench.py: the exporter driven by a real Prometheus."""
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

from benchlib import NAN, cpu_seconds, free_port, median, peak_rss_mib, rss_samples_mib, scrape, wait_http, wire


def prometheus_query(port, query, at):
    url = f"http://127.0.0.1:{port}/api/v1/query?query={urllib.parse.quote(query)}&time={at:.3f}"
    with urllib.request.urlopen(url, timeout=60) as r:
        result = json.load(r)["data"]["result"]
    return float(result[0]["value"][1]) if result else 0.0


def bench_blackbox(n, interval, window, warmup, target_port, tmp):
    bb_port, prom_port = free_port(), free_port()
    bb_conf = os.path.join(tmp, "blackbox.yml")
    with open(bb_conf, "w") as f:
        f.write("modules:\n  http_2xx:\n    prober: http\n    timeout: 900ms\n    http:\n      preferred_ip_protocol: ip4\n")
    prom_conf = os.path.join(tmp, f"prometheus-{n}.yml")
    targets = ", ".join(f"'http://127.0.0.1:{target_port}/health/{i}'" for i in range(n))
    with open(prom_conf, "w") as f:
        f.write(f"""global: {{scrape_interval: {interval}s, scrape_timeout: 900ms}}
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
    prom = subprocess.Popen(["prometheus", f"--config.file={prom_conf}",
                             f"--storage.tsdb.path={tempfile.mkdtemp(dir=tmp)}",
                             f"--web.listen-address=127.0.0.1:{prom_port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{bb_port}/metrics")
        wait_http(f"http://127.0.0.1:{prom_port}/-/ready")
        time.sleep(warmup)
        c0, t0 = cpu_seconds(bb.pid), time.time()
        rss = rss_samples_mib(bb.pid, window)
        c1, t1 = cpu_seconds(bb.pid), time.time()
        span = f"[{int(t1 - t0)}s]"
        # Every scrape is a probe; one that outlived scrape_timeout has up 0 and no probe_success,
        # and is a failed probe to whoever alerts on it. Both over the same window, evaluated at its
        # end once the scrapes still running then (stamped with their start) are stored.
        time.sleep(2)
        probes = prometheus_query(prom_port, f"sum(count_over_time(up{span}))", t1)
        failed = probes - prometheus_query(prom_port, f"sum(sum_over_time(probe_success{span}))", t1)
        one = f"http://127.0.0.1:{bb_port}/probe?module=http_2xx&target=" + \
              urllib.parse.quote(f"http://127.0.0.1:{target_port}/health/0")
        return {
            "tool": "blackbox_exporter", "variant": "blackbox", "targets": n, "interval": interval,
            "planned": n / interval, "achieved": probes / int(t1 - t0), "failed": failed, "skipped": NAN,
            "lag_p50_ms": NAN, "lag_p99_ms": NAN, "cpu_per_1000": (c1 - c0) / max(probes, 1) * 1000,
            "rss_median": median(rss[len(rss) // 2:]), "rss_last": rss[-1], "hwm": peak_rss_mib(bb.pid),
            "bytes_per_target": len(scrape(one)[1].encode()), "scrape_ms": NAN,
            **wire(one, 1),
        }
    finally:
        for p in (prom, bb):
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=60)
