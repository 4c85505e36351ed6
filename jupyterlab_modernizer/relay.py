"""The LLM relay: forwards the agent's chat completions from the browser to the configured endpoint.

Only ``POST chat/completions`` is relayed (the one call the agent makes), with the model and the
token budget held to the server's settings (``allowed_models``, ``max_tokens``); anything else is
refused before it leaves the server. When the browser goes away, the upstream call is dropped at
its next byte.

The API key lives only in this process (environment or traitlets config). It is added to the
upstream request and removed from everything that travels back: the relay forwards only a short
list of response headers, and any occurrence of the key in a response body is masked.

Handlers in ``routes.py`` stay thin: they hand the request to :meth:`LLMRelay.forward` together
with a :class:`RelaySink` that writes to the browser.
"""

from __future__ import annotations

import json
import os
import re
import typing as t
from urllib.parse import urlsplit, urlunsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.httputil import HTTPHeaders, parse_response_start_line
from traitlets import Float, Int, List, Unicode, default
from traitlets.config import LoggingConfigurable

DEFAULT_BASE_URL = "https://api.openai.com/v1"

#: Request headers copied from the browser to the upstream request (lower case).
FORWARDED_REQUEST_HEADERS = ("content-type", "accept", "openai-beta")

#: Response headers copied from upstream to the browser (lower case; prefixes end with '-').
FORWARDED_RESPONSE_HEADERS = (
    "content-type",
    "cache-control",
    "retry-after",
    "x-request-id",
    "openai-processing-ms",
    "x-ratelimit-",
)

#: Longest upstream error text copied into an error message.
MAX_UPSTREAM_DETAIL = 2000

MASK = "***"

#: The endpoints the agent uses (path below the base URL -> method); nothing else is relayed.
ENDPOINTS = {"chat/completions": "POST"}

#: Percent-encoded dot, slash or backslash in a raw request path: a way to smuggle '..' past routing.
ENCODED_PATH_TRICKS = re.compile(r"%(2e|2f|5c)", re.IGNORECASE)


class RelaySink(t.Protocol):
    """Where the relay writes the response for the browser."""

    def start(self, status: int, headers: dict[str, str]) -> None:
        """Begin the response; called exactly once, before any ``write``."""

    def write(self, chunk: bytes) -> None:
        """Send a part of the body and flush it."""


class RelayError(Exception):
    """A failure the browser should see as a JSON error with an HTTP status."""

    def __init__(
        self,
        status: int,
        kind: str,
        message: str,
        upstream: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.message = message
        self.upstream = upstream
        #: Upstream headers worth passing on with the error (``Retry-After``, rate limits).
        self.headers = headers or {}

    def to_json(self) -> dict[str, t.Any]:
        """The OpenAI-style error body (``{"error": {...}}``) clients already understand."""
        error: dict[str, t.Any] = {"message": self.message, "type": self.kind, "status": self.status}
        if self.upstream:
            error["upstream"] = self.upstream
        return {"error": error}


class StreamRedactor:
    """Masks a secret in a byte stream, even when it is split across chunks.

    Only a tail that could be the start of the secret is held back, so ordinary
    server-sent events pass through without delay.
    """

    def __init__(self, secret: str | None):
        self._secret = secret.encode() if secret else b""
        self._pending = b""

    def feed(self, chunk: bytes) -> bytes:
        if not self._secret:
            return chunk
        data = (self._pending + chunk).replace(self._secret, MASK.encode())
        keep = Private.longest_prefix_suffix(data, self._secret)
        self._pending = data[len(data) - keep :] if keep else b""
        return data[: len(data) - keep]

    def flush(self) -> bytes:
        rest, self._pending = self._pending, b""
        return rest


class LLMRelay(LoggingConfigurable):
    """Settings and logic of the relay. Configure with ``c.LLMRelay.<name>`` or the environment."""

    api_key = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "API key sent upstream as 'Authorization: Bearer'. Default: $OPENAI_API_KEY. "
            "Prefer the environment variable: with --debug, traitlets logs the whole config."
        ),
    )

    api_key_env = Unicode(
        "OPENAI_API_KEY",
        config=True,
        help=(
            "Environment variable the key is read from when api_key is not set. The server removes "
            "it (and $OPENAI_API_KEY) from its environment at start, so kernels never inherit the key."
        ),
    )

    base_url = Unicode(
        config=True,
        help=f"OpenAI-compatible base URL. Default: $OPENAI_BASE_URL or {DEFAULT_BASE_URL}.",
    )

    model = Unicode(
        config=True,
        help="Model used when a request names none. Default: $MODERNIZER_MODEL.",
    )

    allowed_models = List(
        Unicode(),
        config=True,
        help="Models a request may name. Empty: any model.",
    )

    max_tokens = Int(
        4096,
        config=True,
        help="Most output tokens a request may ask for (max_tokens or max_completion_tokens).",
    )

    timeout = Float(
        300.0,
        config=True,
        help="Seconds an upstream request (including a whole stream) may take before a 504.",
    )

    connect_timeout = Float(20.0, config=True, help="Seconds to connect to the upstream endpoint.")

    @default("api_key")
    def _default_api_key(self) -> str | None:
        return os.environ.get(self.api_key_env) or os.environ.get("OPENAI_API_KEY") or None

    @default("base_url")
    def _default_base_url(self) -> str:
        return os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL

    @default("model")
    def _default_model(self) -> str:
        return os.environ.get("MODERNIZER_MODEL", "")

    @property
    def has_key(self) -> bool:
        return bool(self.api_key)

    def status(self) -> dict[str, t.Any]:
        """What the browser may know: whether a key exists, never its value."""
        return {
            "has_key": self.has_key,
            "key_source": self._key_source(),
            "base_url": Private.public_url(self.base_url),
            "model": self.model or None,
        }

    def check_endpoint(self, method: str, path: str, raw_path: str = "") -> None:
        """Refuse anything but the agent's endpoints; 400 for a path that tries to escape."""
        segments = [s for s in path.split("/") if s]
        # Checked on the raw path and on the decoded one (a double-encoded '%252e' decodes to '%2e').
        encoded = ENCODED_PATH_TRICKS.search(raw_path) or ENCODED_PATH_TRICKS.search(path)
        if encoded or any(s in (".", "..") for s in segments):
            raise RelayError(400, "invalid_request", f"Invalid relay path: {path!r}")
        endpoint = "/".join(segments)
        if endpoint not in ENDPOINTS:
            raise RelayError(404, "not_found", f"The relay forwards only {', '.join(ENDPOINTS)}; not {endpoint!r}.")
        if method != ENDPOINTS[endpoint]:
            raise RelayError(405, "method_not_allowed", f"{endpoint} takes {ENDPOINTS[endpoint]}, not {method}.")

    def upstream_url(self, path: str) -> str:
        """The upstream URL for ``path`` (relative to the base URL); refuses escapes. No query."""
        segments = [s for s in path.split("/") if s]
        if any(s in (".", "..") for s in segments) or ":" in (segments[0] if segments else ""):
            raise RelayError(400, "invalid_request", f"Invalid relay path: {path!r}")
        return self.base_url.rstrip("/") + "/" + "/".join(segments)

    def upstream_headers(self, browser_headers: t.Mapping[str, str]) -> dict[str, str]:
        """Headers for the upstream request: a few from the browser, plus the key.

        The browser's own ``Authorization`` (its Jupyter token) and cookies never leave.
        """
        headers = {
            name: browser_headers[name]
            for name in browser_headers
            if name.lower() in FORWARDED_REQUEST_HEADERS
        }
        headers["User-Agent"] = "jupyterlab-modernizer-relay"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def upstream_body(self, body: bytes) -> bytes:
        """The chat request to send upstream, held to the server's settings.

        The body must be a JSON object. The configured model fills in one that names none; a model
        outside ``allowed_models`` is refused (403); the token budget is capped at ``max_tokens``
        and must be given; one choice only.
        """
        try:
            payload = json.loads(body or b"")
        except ValueError as error:
            raise RelayError(400, "invalid_request", f"Request body is not JSON: {error}") from None
        if not isinstance(payload, dict):
            raise RelayError(400, "invalid_request", "Request body is not a JSON object.")
        if self.model and not payload.get("model"):
            payload["model"] = self.model
        if self.allowed_models and payload.get("model") not in self.allowed_models:
            raise RelayError(
                403,
                "model_not_allowed",
                f"The server does not allow the model {payload.get('model')!r}; allowed: {', '.join(self.allowed_models)}.",
            )
        limits = [name for name in ("max_tokens", "max_completion_tokens") if payload.get(name) is not None]
        if not limits:
            raise RelayError(
                400, "invalid_request", f"Say max_tokens or max_completion_tokens (at most {self.max_tokens})."
            )
        for name in limits:
            value = payload[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise RelayError(400, "invalid_request", f"{name} must be a positive whole number.")
            payload[name] = min(value, self.max_tokens)
        payload["n"] = 1
        return json.dumps(payload).encode()

    def redact(self, text: str) -> str:
        return text.replace(self.api_key, MASK) if self.api_key else text

    def upstream_error(self, status: int, body: bytes, url: str) -> RelayError:
        """A clear message for an upstream error status, with the upstream detail (masked)."""
        detail = Private.error_detail(body)
        detail = self.redact(detail)[:MAX_UPSTREAM_DETAIL] if detail else None
        where = Private.public_url(url)
        if status in (401, 403):
            message = (
                f"The LLM endpoint refused the server's API key (HTTP {status}). Check OPENAI_API_KEY "
                "or c.LLMRelay.api_key on the Jupyter server."
            )
        elif status == 404:
            message = (
                f"The LLM endpoint has no such resource (HTTP 404) at {where}. Check OPENAI_BASE_URL "
                "and the model name."
            )
        elif status == 429:
            message = "The LLM endpoint is rate limiting or out of quota (HTTP 429). Try again later."
        elif status >= 500:
            message = f"The LLM endpoint failed (HTTP {status})."
        else:
            message = f"The LLM endpoint rejected the request (HTTP {status})."
        return RelayError(status, "upstream_error", message, detail)

    async def forward(
        self,
        method: str,
        path: str,
        browser_headers: t.Mapping[str, str],
        body: bytes,
        sink: RelaySink,
        client_gone: t.Callable[[], bool] = lambda: False,
    ) -> None:
        """Relay one request and stream the answer into ``sink``.

        Successful responses are streamed chunk by chunk; upstream errors are collected and
        reported as one JSON error with the upstream status; timeouts become 504 and
        unreachable endpoints 502. Once ``client_gone()`` says the browser left, the upstream
        connection is dropped at its next header line or chunk.
        """
        self.check_endpoint(method, path)
        url = self.upstream_url(path)
        payload = self.upstream_body(body)
        state = Private.StreamState(StreamRedactor(self.api_key))

        def on_header(line: str) -> None:
            if client_gone():
                raise Private.ClientGone()
            if line.startswith("HTTP/"):
                state.status = parse_response_start_line(line.strip()).code
                state.headers = HTTPHeaders()
            elif line.strip():
                state.headers.parse_line(line)

        def on_chunk(chunk: bytes) -> None:
            if client_gone():
                raise Private.ClientGone()
            if state.status >= 400:
                state.error_body += chunk
                return
            if not state.started:
                state.started = True
                sink.start(state.status, Private.forwarded_headers(state.headers))
            data = state.redactor.feed(chunk)
            if data:
                sink.write(data)

        request = HTTPRequest(
            url,
            method=method,
            headers=self.upstream_headers(browser_headers),
            body=payload,
            connect_timeout=min(self.connect_timeout, self.timeout),
            request_timeout=self.timeout,
            allow_nonstandard_methods=True,
            follow_redirects=False,
            header_callback=on_header,
            streaming_callback=on_chunk,
        )
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except Private.ClientGone:
            self.log.info("LLM relay: the browser went away; upstream call dropped")
            return
        except HTTPClientError as error:
            failure = self._transport_error(error, url)
        except OSError as error:
            failure = RelayError(
                502,
                "unreachable",
                f"Could not reach the LLM endpoint at {Private.public_url(self.base_url)}: "
                f"{self.redact(str(error))}",
            )
        else:
            failure = None
            status = response.code
            if status >= 400:
                failure = self.upstream_error(status, state.error_body, url)
                failure.headers = {
                    name: value
                    for name, value in Private.forwarded_headers(state.headers).items()
                    if name.lower() != "content-type"
                }
            elif not state.started:
                state.started = True
                sink.start(status, Private.forwarded_headers(state.headers))
            rest = state.redactor.flush()
            if rest and failure is None:
                sink.write(rest)

        if failure is None:
            return
        self.log.warning("LLM relay %s %s: %s", method, Private.public_url(url), failure.message)
        if state.started:
            # Headers are already sent: close the stream with an error event the client can read.
            sink.write(b"data: " + json.dumps(failure.to_json()).encode() + b"\n\n")
        else:
            sink.start(failure.status, {**failure.headers, "Content-Type": "application/json"})
            sink.write(json.dumps(failure.to_json()).encode())

    def _transport_error(self, error: HTTPClientError, url: str) -> RelayError:
        if error.code == 599 and "timeout" in str(error).lower():
            return RelayError(
                504,
                "timeout",
                f"The LLM endpoint did not answer within {self.timeout:g} s.",
            )
        if error.code == 599:
            return RelayError(
                502,
                "unreachable",
                f"Could not reach the LLM endpoint at {Private.public_url(self.base_url)}: "
                f"{self.redact(str(error))}",
            )
        return self.upstream_error(error.code, b"", url)

    def _key_source(self) -> str | None:
        if not self.has_key:
            return None
        if "api_key" in self.config.get("LLMRelay", {}):
            return "config"
        return "environment"


class Private:
    """Module-private helpers."""

    class ClientGone(Exception):
        """Raised from the upstream callbacks to drop the call once the browser has left."""

    class StreamState:
        def __init__(self, redactor: StreamRedactor):
            self.redactor = redactor
            self.status = 0
            self.headers = HTTPHeaders()
            self.started = False
            self.error_body = b""

    @staticmethod
    def longest_prefix_suffix(data: bytes, secret: bytes) -> int:
        """Length of the longest tail of ``data`` that is a proper prefix of ``secret``."""
        for size in range(min(len(data), len(secret) - 1), 0, -1):
            if secret.startswith(data[-size:]):
                return size
        return 0

    @staticmethod
    def forwarded_headers(headers: HTTPHeaders) -> dict[str, str]:
        kept: dict[str, str] = {}
        for name, value in headers.get_all():
            lower = name.lower()
            if any(
                lower.startswith(allowed) if allowed.endswith("-") else lower == allowed
                for allowed in FORWARDED_RESPONSE_HEADERS
            ):
                kept[name] = value
        return kept

    @staticmethod
    def public_url(url: str) -> str:
        """``url`` without user info or query (either could carry a credential)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    @staticmethod
    def error_detail(body: bytes) -> str:
        """The upstream's own error message: ``error.message`` of a JSON body, else the text."""
        text = body.decode("utf-8", errors="replace").strip()
        try:
            payload = json.loads(text)
        except ValueError:
            return text
        if isinstance(payload, dict):
            error = payload.get("error", payload)
            if isinstance(error, dict) and isinstance(error.get("message"), str):
                return error["message"]
            if isinstance(error, str):
                return error
        return text
