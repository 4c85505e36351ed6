"""Kernel websockets that send each message at once (TCP_NODELAY).

A cell's run is a burst of small messages (busy, execute_input, the reply,
idle). With Nagle's algorithm on, the server holds each one until the client
acknowledges the previous, and the client delays its acknowledgements by up to
40 ms: a trivial cell took about 80 ms through the server instead of 15.
"""

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """The server's default kernel websocket connection, with Nagle's algorithm off."""

    async def connect(self):
        self.websocket_handler.set_nodelay(True)
        return await super().connect()


def install(server_app):
    """Use NoDelayKernelConnection in a running server, unless it was configured with another class.

    Returns whether it was installed.
    """
    settings = server_app.web_app.settings
    if settings.get("kernel_websocket_connection_class") is not ZMQChannelsWebsocketConnection:
        return False
    settings["kernel_websocket_connection_class"] = NoDelayKernelConnection
    return True
