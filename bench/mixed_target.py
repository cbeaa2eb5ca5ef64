"""A misbehaving HTTP target for the soak and abuse runs: healthy, slow, failing, hanging,
resetting, oversized, looping and flapping paths, plus a webhook receiver that counts."""
import http.server
import socket
import struct
import threading
import time

BIG = b"x" * (3 << 20)  # over the 1 MiB the agent keeps of a body


class Target:
    def __init__(self):
        self.hooks = 0
        self.requests = 0
        self.deliveries = []  # (arrival time, webhook-id, JSON body) of every /hook request
        self.lock = threading.Lock()
        self.started = time.time()
        target = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def reply(self, code, body=b'{"status":"ok","cart":"c-1"}', headers=()):
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def handle_path(self):
                with target.lock:
                    target.requests += 1
                path = self.path.split("?", 1)[0]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if path == "/hook":
                    with target.lock:
                        target.hooks += 1
                        target.deliveries.append((time.time(), self.headers.get("webhook-id"),
                                                  body))
                    self.send_response(204)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path == "/slow":
                    time.sleep(0.3)
                    self.reply(200)
                elif path == "/error":
                    self.reply(500, b'{"error":"internal"}')
                elif path == "/hang":
                    time.sleep(10)
                    self.close_connection = True
                elif path == "/reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    self.close_connection = True
                elif path == "/big":
                    self.reply(200, BIG)
                elif path == "/loop":
                    self.reply(302, b"", headers=[("Location", "/loop")])
                elif path == "/flap":
                    # up and down in turn (40 s each unless ?period=S): alerts fire and resolve
                    up = target.up_at(time.time(), self.path)
                    self.reply(200 if up else 503)
                else:
                    self.reply(200)

            do_GET = handle_path
            do_POST = handle_path

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that gave up (timeouts, resets) is part of the plan

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def up_at(self, t, path="/flap"):
        """Whether /flap answers 200 at time t (the first half-period is up)."""
        period = float(path.split("period=", 1)[1]) if "period=" in path else 40.0
        return int((t - self.started) // period) % 2 == 0

    def close(self):
        self.server.shutdown()
