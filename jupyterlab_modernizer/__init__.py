"""jupyterlab-modernizer: the JupyterLab extension and its LLM relay server extension."""

try:
    from ._version import __version__
except ImportError:
    # Imported from a source tree that was never installed (`pip install -e .` writes _version.py).
    import warnings

    warnings.warn("Importing 'jupyterlab_modernizer' outside a proper installation.")
    __version__ = "dev"

import os

from . import nodelay
from .relay import LLMRelay
from .secrets import remove_key_from_environment
from .routes import setup_route_handlers


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-modernizer"}]


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_modernizer"}]


def _load_jupyter_server_extension(server_app):
    """Register the LLM relay handlers; kernel websockets send without delay.

    Parameters
    ----------
    server_app: jupyter_server.serverapp.ServerApp
        The running server; its config may hold ``c.LLMRelay.*`` settings.
    """
    nodelay.install(server_app)
    relay = LLMRelay(parent=server_app, log=server_app.log)
    # Kernels get a copy of this process's environment: the key must leave it before any starts.
    removed = remove_key_from_environment(os.environ, relay)
    server_app.web_app.settings["jupyterlab_modernizer_relay"] = relay
    setup_route_handlers(server_app.web_app, relay)
    if removed:
        server_app.log.info("jupyterlab_modernizer: kept %s away from kernels", ", ".join(removed))
    server_app.log.info(
        "Registered jupyterlab_modernizer server extension (LLM relay to %s, key %s)",
        relay.base_url,
        "configured" if relay.has_key else "not configured",
    )


__all__ = ["__version__", "LLMRelay"]
