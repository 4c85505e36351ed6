"""The relay through a real Jupyter server (pytest-jupyter) against a scripted upstream."""

import asyncio
import json
import logging
import time

import pytest
from jupyter_server.auth.authorizer import Authorizer
from tornado.httpclient import HTTPClientError

from .fake_upstream import STREAM_WORDS, FakeUpstream

SECRET = "fake-key-relay-0123456789abcdefXYZ"


@pytest.fixture(autouse=True)
def _no_key_in_environment(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERNIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def upstream():
    fake = FakeUpstream(SECRET).start()
    yield fake
    fake.stop()


@pytest.fixture
def _key_in_environment(monkeypatch, _no_key_in_environment):
    # The key comes from the environment: traitlets logs config values at debug level.
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)


@pytest.fixture
def jp_server_config(jp_server_config, upstream, _key_in_environment):
    return {
        **jp_server_config,
        "LLMRelay": {
            "base_url": upstream.base_url,
            "model": "fake-model",
            "allowed_models": ["fake-model", "m"],
            "max_tokens": 1000,
            "timeout": 2.0,
        },
    }


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture(autouse=True)
def server_log(jp_serverapp):
    """Everything the server logs during a test; checked for the key afterwards."""
    collect = _Collect()
    loggers = {logging.getLogger(), logging.getLogger("tornado"), jp_serverapp.log}
    levels = {}
    for logger in loggers:
        levels[logger] = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(collect)
    yield collect
    for logger in loggers:
        logger.removeHandler(collect)
        logger.setLevel(levels[logger])
    assert collect.lines, "the log capture saw nothing"
    assert not [line for line in collect.lines if SECRET in line]


def _assert_no_key(response):
    assert SECRET not in response.body.decode("utf-8", errors="replace")
    for name, value in response.headers.get_all():
        assert SECRET not in value, name


async def _fetch_error(jp_fetch, *parts, **kwargs):
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch("jupyterlab-modernizer", "llm", *parts, **kwargs)
    return info.value.response


def _chat(**payload):
    """A chat completion request body as the agent sends it (JSON, with max_tokens)."""
    body = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 100, **payload}
    return {"method": "POST", "body": json.dumps(body), "headers": {"Content-Type": "application/json"}}


async def _chat_error(jp_fetch, **payload):
    return await _fetch_error(jp_fetch, "chat", "completions", **_chat(**payload))


async def test_status_says_a_key_exists_but_not_which(jp_fetch, upstream):
    response = await jp_fetch("jupyterlab-modernizer", "llm", "status")

    assert response.code == 200
    assert json.loads(response.body) == {
        "has_key": True,
        "key_source": "environment",
        "base_url": upstream.base_url,
        "model": "fake-model",
    }
    _assert_no_key(response)


async def test_relayed_request_carries_the_key_upstream(jp_fetch, upstream, jp_auth_header):
    response = await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat())

    assert response.code == 200
    answer = json.loads(response.body)
    assert answer["choices"][0]["message"]["content"] == "".join(STREAM_WORDS)
    _assert_no_key(response)
    [sent] = upstream.requests
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["authorization"] == f"Bearer {SECRET}"
    # The browser's Jupyter token and cookies stay on the Jupyter server.
    assert jp_auth_header["Authorization"] not in sent["headers"].values()
    assert "cookie" not in sent["headers"]
    # The configured model fills in a request that names none.
    assert json.loads(sent["body"])["model"] == "fake-model"


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("GET", "models", None, 404),
        ("POST", "embeddings", "{}", 404),
        ("POST", "files", "{}", 404),
        ("DELETE", "files/1", None, 404),
        ("GET", "chat/completions", None, 405),
        ("PUT", "chat/completions", "{}", 405),
        ("POST", "chat/completions/x", "{}", 404),
        ("POST", "chat/../models", "{}", 400),
    ],
)
async def test_only_chat_completions_are_relayed(jp_fetch, upstream, method, path, body, status):
    response = await _fetch_error(jp_fetch, *path.split("/"), method=method, body=body, allow_nonstandard_methods=True)

    assert response.code == status
    assert json.loads(response.body)["error"]["status"] == status
    assert upstream.requests == []
    _assert_no_key(response)


@pytest.mark.parametrize(
    "raw_path",
    ["chat/%2e%2e/models", "chat/%2E%2E%2Fmodels", "chat%2fcompletions", "..%2f..%2fapi/contents", "chat/%252e%252e/x"],
)
async def test_encoded_dots_and_slashes_are_refused(jp_fetch, jp_base_url, http_server_client, jp_auth_header, upstream, raw_path):
    # Sent as is: jp_fetch would escape the '%'.
    url = f"{jp_base_url}jupyterlab-modernizer/llm/{raw_path}"
    response = await http_server_client.fetch(
        url, method="POST", body=json.dumps({"max_tokens": 5}), headers=jp_auth_header, raise_error=False
    )

    assert response.code == 400
    assert upstream.requests == []


async def test_a_query_is_not_passed_upstream(jp_fetch, upstream):
    await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", params={"api-version": "x"}, **_chat())

    assert upstream.requests[0]["path"] == "/v1/chat/completions"


async def test_max_tokens_is_capped_by_the_server(jp_fetch, upstream):
    await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat(max_tokens=10**6, n=8))
    await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat(max_tokens=None, max_completion_tokens=5000))
    await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat(max_tokens=50))

    sent = [json.loads(request["body"]) for request in upstream.requests]
    assert [(s.get("max_tokens"), s.get("max_completion_tokens"), s.get("n", 1)) for s in sent] == [
        (1000, None, 1),
        (None, 1000, 1),
        (50, None, 1),
    ]


async def test_a_request_without_a_token_limit_is_refused(jp_fetch, upstream):
    response = await _chat_error(jp_fetch, max_tokens=None)

    assert response.code == 400
    assert "max_tokens" in json.loads(response.body)["error"]["message"]
    assert upstream.requests == []


async def test_a_model_the_server_does_not_allow_is_refused(jp_fetch, upstream):
    response = await _chat_error(jp_fetch, model="gpt-expensive")

    assert response.code == 403
    error = json.loads(response.body)["error"]
    assert "gpt-expensive" in error["message"] and "fake-model" in error["message"]
    assert upstream.requests == []


@pytest.mark.parametrize("body", [b"[]", b"nope", b'"text"'])
async def test_a_body_that_is_not_a_json_object_is_refused(jp_fetch, upstream, body):
    response = await _fetch_error(
        jp_fetch, "chat", "completions", method="POST", body=body, headers={"Content-Type": "application/json"}
    )

    assert response.code == 400
    assert upstream.requests == []


async def test_upstream_call_is_cancelled_when_the_browser_goes_away(jp_fetch, jp_serverapp, upstream):
    # Long enough that only the browser going away can end the upstream call.
    jp_serverapp.web_app.settings["jupyterlab_modernizer_relay"].timeout = 60.0

    class Gone(Exception):
        pass

    def hang_up(chunk):
        raise Gone()

    # 100 events, 15 s: far longer than the test waits.
    with pytest.raises(Exception):
        await jp_fetch(
            "jupyterlab-modernizer", "llm", "chat", "completions",
            **_chat(stream=True, repeat=20), streaming_callback=hang_up,
        )
    deadline = time.monotonic() + 5
    while upstream.disconnects == 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.1)

    assert upstream.disconnects == 1
    assert len(upstream.event_times) < 20


async def test_authorization_is_checked_per_user(jp_fetch, jp_serverapp, upstream):
    class NoLLM(Authorizer):
        def is_authorized(self, handler, user, action, resource):
            return resource != "modernizer-llm"

    saved = jp_serverapp.web_app.settings["authorizer"]
    jp_serverapp.web_app.settings["authorizer"] = NoLLM(parent=jp_serverapp, identity_provider=jp_serverapp.identity_provider)
    try:
        for parts, kwargs in [(("status",), {}), (("chat", "completions"), _chat())]:
            response = await _fetch_error(jp_fetch, *parts, **kwargs)
            assert response.code == 403
    finally:
        jp_serverapp.web_app.settings["authorizer"] = saved
    assert upstream.requests == []


async def test_streaming_chunks_pass_through_as_they_come(jp_fetch, upstream):
    arrivals: list[tuple[float, bytes]] = []

    response = await jp_fetch(
        "jupyterlab-modernizer", "llm", "chat", "completions",
        **_chat(model="m", stream=True),
        streaming_callback=lambda chunk: arrivals.append((time.monotonic(), chunk)),
    )

    assert response.code == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    text = b"".join(chunk for _, chunk in arrivals).decode()
    events = [line[len("data: "):] for line in text.split("\n\n") if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    words = [json.loads(e)["choices"][0]["delta"]["content"] for e in events[:-1]]
    assert words == STREAM_WORDS
    # Streamed, not buffered: the first event reached the client before the upstream sent the last.
    assert len(arrivals) >= len(STREAM_WORDS)
    assert arrivals[0][0] < upstream.event_times[-1]
    assert SECRET not in text


async def test_stream_cut_by_the_timeout_ends_with_an_error_event(jp_fetch):
    # 20 events, 3 s > the 2 s timeout
    response = await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat(stream=True, repeat=4))

    assert response.code == 200  # the status went out with the first event
    events = [e[len("data: "):] for e in response.body.decode().split("\n\n") if e]
    assert json.loads(events[0])["choices"][0]["delta"]["content"] == STREAM_WORDS[0]
    assert json.loads(events[-1])["error"]["type"] == "timeout"
    _assert_no_key(response)


@pytest.mark.parametrize(
    "code, words",
    [
        (401, "refused the server's API key"),
        (403, "refused the server's API key"),
        (404, "no such resource"),
        (429, "rate limiting or out of quota"),
        (500, "The LLM endpoint failed (HTTP 500)"),
        (503, "The LLM endpoint failed (HTTP 503)"),
    ],
)
async def test_upstream_errors_keep_their_status_and_explain(jp_fetch, code, words):
    response = await _chat_error(jp_fetch, fake=f"status/{code}")

    assert response.code == code
    assert response.headers["Content-Type"] == "application/json"
    error = json.loads(response.body)["error"]
    assert words in error["message"]
    assert error["status"] == code
    assert error["type"] == "upstream_error"
    # The upstream's own message is passed on, with the key masked.
    assert error["upstream"] == f"Scripted failure {code}; key was ***"
    _assert_no_key(response)


async def test_rate_limit_passes_retry_after(jp_fetch):
    response = await _chat_error(jp_fetch, fake="status/429")

    assert response.headers["Retry-After"] == "7"


async def test_timeout_is_a_504(jp_fetch):
    response = await _chat_error(jp_fetch, fake="slow")

    assert response.code == 504
    error = json.loads(response.body)["error"]
    assert error["type"] == "timeout"
    assert "did not answer within 2 s" in error["message"]


async def test_key_echoed_by_upstream_is_masked(jp_fetch):
    response = await jp_fetch("jupyterlab-modernizer", "llm", "chat", "completions", **_chat(fake="leak"))

    assert response.body.decode() == "before *** after"
    assert "X-Echo-Key" not in response.headers
    _assert_no_key(response)


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "status", None),
        ("GET", "models", None),
        ("POST", "chat/completions", "{}"),
        ("DELETE", "files/1", None),
    ],
)
async def test_unauthenticated_requests_are_refused(jp_fetch, upstream, method, path, body):
    response = await jp_fetch(
        "jupyterlab-modernizer", "llm", *path.split("/"),
        method=method,
        body=body,
        headers={"Authorization": ""},
        raise_error=False,
        follow_redirects=False,
    )

    assert response.code in (401, 403)
    assert upstream.requests == []
    _assert_no_key(response)
