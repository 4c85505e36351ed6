"""The relay's plain logic, without a Jupyter server."""

import json
import socket

import pytest
from traitlets.config import Config

from jupyterlab_modernizer.relay import DEFAULT_BASE_URL, LLMRelay, RelayError, StreamRedactor

SECRET = "key-unit-0123456789"


class RecordingSink:
    def __init__(self):
        self.status = None
        self.headers = None
        self.chunks: list[bytes] = []

    def start(self, status, headers):
        assert self.status is None, "start() called twice"
        self.status, self.headers = status, headers

    def write(self, chunk):
        assert self.status is not None, "write() before start()"
        self.chunks.append(chunk)

    @property
    def json(self):
        return json.loads(b"".join(self.chunks))


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERNIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)


class TestLLMRelay:
    def test_defaults_come_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("OPENAI_API_KEY", SECRET)
        monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
        monkeypatch.setenv("MODERNIZER_MODEL", "llama3")

        status = LLMRelay().status()

        assert status == {
            "has_key": True,
            "key_source": "environment",
            "base_url": "http://localhost:11434/v1",
            "model": "llama3",
        }

    def test_config_wins_over_the_environment(self, monkeypatch):
        monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
        config = Config({"LLMRelay": {"api_key": SECRET, "model": "gpt-x"}})

        relay = LLMRelay(config=config)

        assert relay.api_key == SECRET
        assert relay.status()["key_source"] == "config"
        assert relay.status()["model"] == "gpt-x"

    def test_status_without_any_configuration(self):
        assert LLMRelay().status() == {
            "has_key": False,
            "key_source": None,
            "base_url": DEFAULT_BASE_URL,
            "model": None,
        }

    def test_status_never_shows_credentials_in_the_base_url(self):
        relay = LLMRelay(base_url="https://user:pw@llm.example.com:8443/v1?key=abc", api_key=SECRET)

        status = relay.status()

        assert status["base_url"] == "https://llm.example.com:8443/v1"
        assert SECRET not in json.dumps(status)

    @pytest.mark.parametrize(
        "path, expected",
        [
            ("chat/completions", "http://up/v1/chat/completions"),
            ("/chat//completions/", "http://up/v1/chat/completions"),
        ],
    )
    def test_upstream_url(self, path, expected):
        assert LLMRelay(base_url="http://up/v1/").upstream_url(path) == expected

    @pytest.mark.parametrize(
        "method, path, raw, status",
        [
            ("GET", "models", "", 404),
            ("POST", "embeddings", "", 404),
            ("DELETE", "files/1", "", 404),
            ("GET", "chat/completions", "", 405),
            ("POST", "chat/../chat/completions", "", 400),
            ("POST", "chat/completions", "/x/llm/chat%2Fcompletions", 400),
            ("POST", "chat/%2e%2e/completions", "", 400),
        ],
    )
    def test_only_the_agents_endpoint_passes(self, method, path, raw, status):
        with pytest.raises(RelayError) as info:
            LLMRelay().check_endpoint(method, path, raw)
        assert info.value.status == status

    def test_the_agents_endpoint_passes(self):
        LLMRelay().check_endpoint("POST", "chat/completions", "/base/jupyterlab-modernizer/llm/chat/completions")

    @pytest.mark.parametrize("path", ["../admin", "chat/../../x", "http://evil/v1", "./models"])
    def test_upstream_url_refuses_escapes(self, path):
        with pytest.raises(RelayError) as info:
            LLMRelay(base_url="http://up/v1").upstream_url(path)
        assert info.value.status == 400

    def test_upstream_headers_keep_only_what_the_endpoint_needs(self):
        browser = {
            "Content-Type": "application/json",
            "Authorization": "token jupyter-token",
            "Cookie": "_xsrf=1; username=2",
            "X-XSRFToken": "1",
            "Accept": "text/event-stream",
        }

        headers = LLMRelay(api_key=SECRET).upstream_headers(browser)

        assert headers == {
            "Content-Type": "application/json",
            "Accept": "text/event-stream",
            "User-Agent": "jupyterlab-modernizer-relay",
            "Authorization": f"Bearer {SECRET}",
        }

    def test_no_key_sends_no_authorization(self):
        assert "Authorization" not in LLMRelay().upstream_headers({})

    @pytest.mark.parametrize(
        "body, expected_model",
        [
            ({"messages": []}, "cfg-model"),
            ({"messages": [], "model": "asked"}, "asked"),
            ({"messages": [], "model": ""}, "cfg-model"),
        ],
    )
    def test_configured_model_fills_in(self, body, expected_model):
        relay = LLMRelay(model="cfg-model")

        sent = relay.upstream_body(json.dumps({**body, "max_tokens": 10}).encode())

        assert json.loads(sent)["model"] == expected_model

    @pytest.mark.parametrize(
        "body, status",
        [
            (b"{nope", 400),
            (b"[1]", 400),
            (b'{"model": "m"}', 400),
            (b'{"model": "m", "max_tokens": "9"}', 400),
            (b'{"model": "m", "max_tokens": true}', 400),
            (b'{"model": "m", "max_tokens": -1}', 400),
            (b'{"model": "other", "max_tokens": 9}', 403),
        ],
    )
    def test_bad_requests_are_refused(self, body, status):
        with pytest.raises(RelayError) as info:
            LLMRelay(model="m", allowed_models=["m"]).upstream_body(body)
        assert info.value.status == status

    def test_tokens_and_choices_are_capped(self):
        sent = LLMRelay(max_tokens=100).upstream_body(b'{"model": "x", "max_completion_tokens": 5000, "n": 4}')

        assert json.loads(sent) == {"model": "x", "max_completion_tokens": 100, "n": 1}

    async def test_unreachable_endpoint_is_a_502(self):
        with socket.socket() as probe:  # a port nobody listens on once closed
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        relay = LLMRelay(base_url=f"http://127.0.0.1:{port}/v1", api_key=SECRET, timeout=2.0)
        sink = RecordingSink()

        await relay.forward("POST", "chat/completions", {}, b'{"max_tokens": 5}', sink)

        assert sink.status == 502
        assert sink.json["error"]["type"] == "unreachable"
        assert "Could not reach the LLM endpoint" in sink.json["error"]["message"]
        assert SECRET not in b"".join(sink.chunks).decode()


class TestStreamRedactor:
    @pytest.mark.parametrize(
        "chunks, expected",
        [
            ([b"no secret here"], b"no secret here"),
            ([b"a key-unit-0123456789 b"], b"a *** b"),
            ([b"a key-unit-01", b"23456789 b"], b"a *** b"),
            ([b"a k", b"ey", b"-unit-0123456789"], b"a ***"),
            ([b"ends with key-unit"], b"ends with key-unit"),
            ([b"key-unit-0123456789key-unit-0123456789"], b"******"),
        ],
    )
    def test_masks_across_chunks(self, chunks, expected):
        redactor = StreamRedactor(SECRET)

        out = b"".join(redactor.feed(chunk) for chunk in chunks) + redactor.flush()

        assert out == expected

    def test_holds_back_only_a_possible_prefix(self):
        redactor = StreamRedactor(SECRET)

        assert redactor.feed(b"data: {}\n\n") == b"data: {}\n\n"
        assert redactor.feed(b"xx key-") == b"xx "
        assert redactor.flush() == b"key-"

    def test_without_secret_passes_everything(self):
        assert StreamRedactor(None).feed(b"sk-anything") == b"sk-anything"
