"""HTTP handlers of the server extension; the logic lives in ``relay.py``."""

from __future__ import annotations

import json
import typing as t

import tornado
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .relay import LLMRelay, RelayError

#: URL namespace of the extension, below the server's base URL.
NAMESPACE = "jupyterlab-modernizer"

#: What an Authorizer is asked about (action "read" for status, "write" for a chat completion).
AUTH_RESOURCE = "modernizer-llm"


class RelayStatusHandler(APIHandler):
    """GET llm/status: whether a key is configured, the base URL and the model; never the key."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, relay: LLMRelay) -> None:
        self.relay = relay

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.finish(json.dumps(self.relay.status()))


class RelayHandler(APIHandler):
    """POST llm/chat/completions, relayed with the server's key; every other path or verb is refused."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, relay: LLMRelay) -> None:
        self.relay = relay
        self._closed = False

    @tornado.web.authenticated
    @authorized
    async def post(self, path: str) -> None:
        await self._relay(path)

    # Other verbs answer a clear JSON error, after the same authentication.
    @tornado.web.authenticated
    @authorized
    async def get(self, path: str) -> None:
        await self._relay(path)

    @tornado.web.authenticated
    @authorized
    async def put(self, path: str) -> None:
        await self._relay(path)

    @tornado.web.authenticated
    @authorized
    async def patch(self, path: str) -> None:
        await self._relay(path)

    @tornado.web.authenticated
    @authorized
    async def delete(self, path: str) -> None:
        await self._relay(path)

    def on_connection_close(self) -> None:
        self._closed = True

    async def _relay(self, path: str) -> None:
        method = self.request.method or "GET"
        try:
            self.relay.check_endpoint(method, path, self.request.path)
            await self.relay.forward(
                method, path, self.request.headers, self.request.body, _HandlerSink(self), lambda: self._closed
            )
        except RelayError as error:
            self.set_status(error.status)
            self.set_header("Content-Type", "application/json")
            self.write(json.dumps(error.to_json()))
        if not self._closed:
            self.finish(set_content_type=self._headers.get("Content-Type", "application/json"))


class _HandlerSink:
    """Writes the relayed response to the browser, flushing every chunk (SSE)."""

    def __init__(self, handler: RelayHandler):
        self._handler = handler

    def start(self, status: int, headers: dict[str, str]) -> None:
        self._handler.set_status(status)
        for name, value in headers.items():
            self._handler.set_header(name, value)

    def write(self, chunk: bytes) -> None:
        if self._handler._closed:
            return
        self._handler.write(chunk)
        flushed = self._handler.flush()
        # A browser that went away makes the flush fail; nothing to do about it here.
        flushed.add_done_callback(lambda future: future.exception())


def setup_route_handlers(web_app: t.Any, relay: LLMRelay) -> None:
    base_url = web_app.settings["base_url"]
    options = {"relay": relay}
    handlers = [
        (url_path_join(base_url, NAMESPACE, "llm", "status"), RelayStatusHandler, options),
        (url_path_join(base_url, NAMESPACE, "llm", "(.+)"), RelayHandler, options),
    ]
    web_app.add_handlers(".*$", handlers)
