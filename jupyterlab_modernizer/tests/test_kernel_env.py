"""Kernels the lab server starts never see the LLM API key the relay uses."""

import asyncio
import json

import pytest

SECRET = "fake-key-kernel-env-7c1f04d9be32"


@pytest.fixture(autouse=True)
def _key_in_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    # The same key under the name the settings point to.
    monkeypatch.setenv("MY_TEAM_LLM_KEY", SECRET)


@pytest.fixture
def jp_server_config(jp_server_config):
    return {**jp_server_config, "LLMRelay": {"api_key_env": "MY_TEAM_LLM_KEY"}}


async def _run_in_kernel(jp_fetch, jp_serverapp, code: str) -> str:
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = json.loads(response.body)["id"]
    manager = jp_serverapp.kernel_manager.get_kernel(kernel_id)
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        printed: list[str] = []

        def on_output(message):
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])

        reply = await asyncio.wait_for(client.execute_interactive(code, output_hook=on_output), 60)
        assert reply["content"]["status"] == "ok"
        return "".join(printed)
    finally:
        client.stop_channels()
        await jp_serverapp.kernel_manager.shutdown_kernel(kernel_id, now=True)


async def test_kernel_environment_has_no_key(jp_fetch, jp_serverapp):
    relay = jp_serverapp.web_app.settings["jupyterlab_modernizer_relay"]
    assert relay.has_key

    printed = await _run_in_kernel(
        jp_fetch,
        jp_serverapp,
        "import os\n"
        "print(os.environ.get('OPENAI_API_KEY'), os.environ.get('MY_TEAM_LLM_KEY'))\n"
        f"print(sorted(k for k, v in os.environ.items() if {SECRET[:16]!r} in v))\n",
    )

    assert printed == "None None\n[]\n"
