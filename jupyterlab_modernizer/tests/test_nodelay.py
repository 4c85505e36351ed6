"""Kernel websockets without Nagle's delay: in a server with the extension, and in the CLI's own server."""

import importlib.util
import json
import socket
from pathlib import Path

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from jupyterlab_modernizer.nodelay import NoDelayKernelConnection

CLI_START = Path(__file__).resolve().parents[2] / "jupyter-config" / "cli" / "start_server.py"


async def test_extension_installs_the_no_delay_connection(jp_serverapp):
    assert jp_serverapp.web_app.settings["kernel_websocket_connection_class"] is NoDelayKernelConnection


class OwnConnection(ZMQChannelsWebsocketConnection):
    pass


@pytest.fixture
def _own_connection(jp_server_config):
    jp_server_config["ServerApp"]["kernel_websocket_connection_class"] = OwnConnection
    return jp_server_config


@pytest.mark.usefixtures("_own_connection")
async def test_extension_keeps_a_configured_connection_class(jp_serverapp):
    assert jp_serverapp.web_app.settings["kernel_websocket_connection_class"] is OwnConnection


async def test_kernel_websocket_sends_without_delay(jp_serverapp, jp_ws_fetch, jp_fetch):
    model = json.loads((await jp_fetch("api", "kernels", method="POST", body="{}")).body)
    ws = await jp_ws_fetch("api", "kernels", model["id"], "channels")
    try:
        connections = list(ZMQChannelsWebsocketConnection._open_sockets)
        assert connections, "no kernel websocket open"
        for connection in connections:
            assert isinstance(connection, NoDelayKernelConnection)
            sock = connection.websocket_handler.ws_connection.stream.socket
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        ws.close()
        await jp_fetch("api", "kernels", model["id"], method="DELETE")


def test_cli_server_runs_no_extension_and_the_no_delay_connection():
    spec = importlib.util.spec_from_file_location("start_server", CLI_START)
    start_server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(start_server)
    config = start_server.cli_config()
    assert config.ServerApp.kernel_websocket_connection_class.__name__ == "NoDelayKernelConnection"
    extensions = config.ServerApp.jpserver_extensions
    # Every extension enabled in this environment (JupyterLab at least) is turned off.
    assert "jupyterlab" in extensions
    assert not any(extensions.values())
