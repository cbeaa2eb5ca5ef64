#!/usr/bin/env python3
"""The fault matrix of docs/reliability.md: what `cartprobe run` reports, and how long it takes,
when a target or a pattern misbehaves.

Starts a misbehaving HTTP target on 127.0.0.1 (backtracking bait, 1 MiB bodies, a redirect loop,
20,000 response headers, a secret echoed in every encoding), writes a probes.yaml with one probe
per misbehaviour (timeout --timeout, 3s by default), and runs the real jar's `run -o json` once per probe, each in its
own process. Prints a Markdown table: misbehaviour, reason, message, the run's own duration and
the process's wall time. Then runs `validate` on patterns and URLs RE2 or the URL rules refuse.

  python3 bench/fault-matrix.py                       # target/cartprobe.jar
  python3 bench/fault-matrix.py --jar old.jar         # another build, e.g. before a fix
  python3 bench/fault-matrix.py --validate-only       # only the validate table

A run still going after --kill-after seconds (default 30) is killed and shown as such.
"""
import argparse
import base64
import json
import os
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = 'sk_live_4eC3=9/Hq"L+y jW'
EVIL = "a" * 40 + "b"
BIG = "a" * (1024 * 1024 - 64)


def echo_body():
    """The secret as Gson, Go, a form, a path and Basic auth would write it."""
    as_json = SECRET.replace("\\", "\\\\").replace('"', '\\"')
    forms = {
        "gson": as_json.replace("=", "\\u003d"),
        "slashes": as_json.replace("/", "\\/").replace("=", "\\u003D"),
        "form": SECRET.replace("%", "%25").replace("=", "%3D").replace("/", "%2F")
        .replace('"', "%22").replace("+", "%2B").replace(" ", "+"),
        "basic": base64.b64encode(("user:" + SECRET).encode()).decode(),
        "jwt_part": base64.urlsafe_b64encode(SECRET.encode()).decode().rstrip("="),
    }
    return "{" + ",".join('"%s":"%s"' % item for item in forms.items()) + "}"


class Target(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body, content_type="text/plain", headers=()):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/evil":
            self.send(200, EVIL)
        elif path == "/evil-500":
            self.send(500, EVIL)
        elif path == "/evil-json":
            self.send(200, json.dumps({"v": EVIL}), "application/json")
        elif path == "/evil-header":
            self.send(200, "ok", headers=[("X-V", EVIL)])
        elif path == "/big":
            self.send(200, BIG)
        elif path == "/big-json":
            self.send(200, json.dumps({"v": BIG}), "application/json")
        elif path == "/loop":
            self.send(302, "", headers=[("Location", "/loop")])
        elif path == "/headers":
            self.send(200, "ok", headers=[("X-Header-%d" % i, "value-%d" % i) for i in range(20000)])
        elif path == "/echo":
            self.send(500, echo_body(), "application/json", headers=[("X-Echo", SECRET)])
        else:
            self.send(200, "ok")


PROBES = [
    # name, misbehaviour, the step's yaml after its name
    ("bt-body", "backtracking regex `((a+)+)+$` on the body (a×40 + b)",
     'request: {url: "{{base_url}}/evil"}\nexpect: {body: {matches: "((a+)+)+$"}}'),
    ("bt-json", "the same in a json `matches`",
     'request: {url: "{{base_url}}/evil-json"}\nexpect: {json: {$.v: {matches: "((a+)+)+$"}}}'),
    ("bt-header", "the same in a header regex",
     'request: {url: "{{base_url}}/evil-header"}\nexpect: {headers: {X-V: "((a+)+)+$"}}'),
    ("bt-extract", "the same in `extract: regex:`",
     'request: {url: "{{base_url}}/evil"}\nextract: {v: "regex:((a+)+)+$"}'),
    ("bt-classify", "the same in `classify` (on a 500)",
     'request: {url: "{{base_url}}/evil-500"}\nclassify:\n  - {when: {body: {matches: "((a+)+)+$"}}, as: evil}'),
    ("slow-body", "linear but slow: `(?s).{0,999}z` over a 1 MiB body",
     'request: {url: "{{base_url}}/big"}\nexpect: {body: {matches: "(?s).{0,999}z"}}'),
    ("slow-json", "linear but slow: json `matches` over a 1 MiB string",
     'request: {url: "{{base_url}}/big-json"}\nexpect: {json: {$.v: {matches: "(?s).*.{0,999}z"}}}'),
    ("redirect-loop", "redirect loop (302 to itself)",
     'request: {url: "{{base_url}}/loop"}'),
    ("huge-headers", "20,000 response headers (~440 KB)",
     'request: {url: "{{base_url}}/headers"}'),
    ("bad-escape", "rendered URL with a bad percent-escape (`q=100%`)",
     'request: {url: "{{base_url}}/search?q={{q}}"}'),
    ("echoed-secret", "secret echoed JSON-escaped, form-encoded, in Base64 (on a 500)",
     'request: {url: "{{base_url}}/echo", headers: {Authorization: "Bearer {{secret.key}}"}}'),
]

REFUSED = [
    ("lookahead", 'expect: {body: {matches: "total(?=\\\\d)"}}'),
    ("backreference", 'expect: {body: {matches: "(\\\\w+) \\\\1"}}'),
    ("nested repetition", 'expect: {body: {matches: "((a{100}){100}){100}"}}'),
    ("JSONPath =~ filter", 'extract: {id: "$.items[?(@.sku =~ /A.*/)].id"}'),
    ("URL with %zz", 'request: {url: "http://127.0.0.1:9/a%zz"}'),
    ("secret as a duration (`interval: ${BENCH_SECRET}`)",
     'interval: ${BENCH_SECRET}\nrequest: {url: "http://127.0.0.1:9/"}'),
]


def indent(text, spaces):
    return "\n".join(" " * spaces + line for line in text.splitlines())


def probes_yaml(base_url, probes, timeout):
    out = ["environments:", "  staging:",
           '    vars: {base_url: "%s", q: "100%%"}' % base_url,
           '    secrets: {key: "${BENCH_SECRET}"}', "probes:"]
    for name, _, step in probes:
        out += ["  - name: " + name, "    type: checkout", "    timeout: " + timeout, "    steps:",
                "      - name: s", indent(step, 8)]
    return "\n".join(out) + "\n"


def run(jar, config, probe, kill_after):
    env = dict(os.environ, BENCH_SECRET=SECRET)
    start = time.monotonic()
    try:
        done = subprocess.run(["java", "-jar", jar, "run", "-c", config, "-p", probe, "-o", "json"],
                              capture_output=True, text=True, timeout=kill_after, env=env)
    except subprocess.TimeoutExpired:
        return None, None, None, time.monotonic() - start, ""
    wall = time.monotonic() - start
    try:
        result = json.loads(done.stdout)["results"][0]
    except (ValueError, KeyError, IndexError):
        return "exit %d" % done.returncode, done.stderr.strip()[:100], None, wall, done.stdout
    failure = result.get("failure") or {}
    return (failure.get("reason", result["verdict"]), failure.get("message", ""),
            result["duration_seconds"], wall, done.stdout)


def leaks(output):
    """Pieces of the secret, in any of the echoed forms, left in the output."""
    pieces = ["4eC3", "\\u003d9", "%3D9", base64.b64encode(SECRET.encode()).decode()[4:12],
              base64.b64encode(("user:" + SECRET).encode()).decode()[8:16]]
    return [p for p in pieces if p in output]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default=os.path.join(ROOT, "target", "cartprobe.jar"))
    parser.add_argument("--kill-after", type=float, default=30)
    parser.add_argument("--validate-only", action="store_true", help="skip the runs")
    parser.add_argument("--timeout", default="3s", help="each probe's timeout (a duration)")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Target)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = "http://127.0.0.1:%d" % server.server_address[1]

    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "probes.yaml")
        with open(config, "w") as f:
            f.write(probes_yaml(base_url, PROBES, args.timeout))
        print("jar %s, probe timeout %s, %d cores, load average %.1f at the start\n" % (
            os.path.relpath(args.jar, ROOT), args.timeout, os.cpu_count(), os.getloadavg()[0]))
        print("| misbehaviour | reason | message | run's duration | process wall time |")
        print("|---|---|---|---|---|")
        for name, what, _ in [] if args.validate_only else PROBES:
            reason, message, duration, wall, output = run(args.jar, config, name, args.kill_after)
            if reason is None:
                print("| %s | — (killed) | still running | — | > %.0f s |" % (what, args.kill_after))
                continue
            if name == "echoed-secret":
                found = leaks(output)
                message = "secret pieces in the output: " + (", ".join(found) if found else "none")
            shown = (message or "").replace("|", "\\|")
            shown = shown if len(shown) <= 90 else shown[:87] + "..."
            print("| %s | `%s` | %s | %s | %.1f s |" % (
                what, reason, shown, "%.2f s" % duration if duration is not None else "—", wall))

        print()
        print("| refused by `validate` | exit | message |")
        print("|---|---|---|")
        for what, step in REFUSED:
            if step.startswith(("request", "interval")):
                yaml = ("environments: {staging: {}}\nprobes:\n  - name: p\n"
                        "    type: gateway-config\n" + indent(step, 4) + "\n")
            else:
                yaml = ("environments: {staging: {}}\nprobes:\n  - name: p\n    type: checkout\n"
                        "    steps:\n      - name: s\n        request: {url: \"http://127.0.0.1:9/\"}\n"
                        + indent(step, 8) + "\n")
            path = os.path.join(tmp, "refused.yaml")
            with open(path, "w") as f:
                f.write(yaml)
            done = subprocess.run(["java", "-jar", args.jar, "validate", "-c", path],
                                  capture_output=True, text=True, timeout=60,
                                  env=dict(os.environ, BENCH_SECRET=SECRET))
            message = (done.stderr or done.stdout).strip().splitlines()[0]
            if SECRET[:12] in done.stdout + done.stderr:
                message = "**shows the secret**: " + message
            message = message.replace(tmp + os.sep, "").replace("|", "\\|")
            print("| %s | %d | %s |" % (what, done.returncode,
                                         message if len(message) <= 150 else message[:147] + "..."))
    server.shutdown()


if __name__ == "__main__":
    main()
