"""A scripted OpenAI-compatible endpoint on 127.0.0.1 for the relay tests.

``POST /v1/chat/completions`` (the one endpoint the relay forwards) answers a chat completion;
the JSON body's ``"fake"`` field scripts anything else:

- no ``fake``: a completion; streamed as server-sent events when ``"stream": true`` (one event
  every ``EVENT_INTERVAL`` seconds; ``"repeat": n`` sends the words n times)
- ``"status/<code>"``: that error status with an OpenAI-style error body that quotes the key
- ``"slow"``: answers after ``SLOW_SECONDS``
- ``"leak"``: a 200 whose body and headers contain the key (split across chunks)

Every request is recorded (method, path, headers, body) in ``FakeUpstream.requests``; a client
that went away mid-answer is counted in ``FakeUpstream.disconnects``.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EVENT_INTERVAL = 0.15
SLOW_SECONDS = 4.0

STREAM_WORDS = ["Hello", " from", " the", " fake", " model"]


class FakeUpstream:
    def __init__(self, secret: str):
        self.secret = secret
        self.requests: list[dict] = []
        self.event_times: list[float] = []
        self.disconnects = 0
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):  # noqa: A002 - http.server's signature
                pass

            def handle(self):
                try:
                    super().handle()
                except (BrokenPipeError, ConnectionResetError):
                    upstream.disconnects += 1  # the relay gave up (timeouts, a browser gone)

            def do_GET(self):
                self._record(b"")
                if self.path.split("?")[0] == "/v1/models":
                    self._json(200, {"object": "list", "data": [{"id": "fake-model"}]})
                else:
                    self._route(self.path)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                self._record(body)
                payload = json.loads(body or b"{}") if self.path == "/v1/chat/completions" else {}
                if payload.get("fake"):
                    self._route(payload["fake"])
                elif self.path == "/v1/chat/completions":
                    if payload.get("stream"):
                        self._stream(payload)
                    else:
                        self._json(200, _completion(payload.get("model"), "".join(STREAM_WORDS)))
                else:
                    self._route(self.path)

            def _route(self, fake: str):
                if fake.startswith("status/"):
                    code = int(fake.rsplit("/", 1)[1])
                    message = f"Scripted failure {code}; key was {upstream.secret}"
                    headers = {"Retry-After": "7"} if code == 429 else {}
                    self._json(code, {"error": {"message": message, "type": "test"}}, headers)
                elif fake == "slow":
                    time.sleep(SLOW_SECONDS)
                    self._json(200, {"late": True})
                elif fake == "leak":
                    half = len(upstream.secret) // 2
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("X-Echo-Key", upstream.secret)
                    self.send_header("Set-Cookie", f"k={upstream.secret}")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    self._chunk(f"before {upstream.secret[:half]}".encode())
                    self.wfile.flush()
                    time.sleep(0.1)
                    self._chunk(f"{upstream.secret[half:]} after".encode())
                    self._chunk(b"")
                else:
                    self._json(404, {"error": {"message": f"no route {self.path}"}})

            def _record(self, body: bytes):
                upstream.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body,
                    }
                )

            def _json(self, code: int, payload: dict, headers: dict | None = None):
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def _chunk(self, data: bytes):
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")

            def _stream(self, payload: dict):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for word in STREAM_WORDS * int(payload.get("repeat", 1)):
                    event = {"object": "chat.completion.chunk", "model": payload.get("model"),
                             "choices": [{"index": 0, "delta": {"content": word}}]}
                    self._chunk(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                    upstream.event_times.append(time.monotonic())
                    time.sleep(EVENT_INTERVAL)
                self._chunk(b"data: [DONE]\n\n")
                self._chunk(b"")
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeUpstream":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _completion(model: str | None, text: str) -> dict:
    return {
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8},
    }
