"""Start the Jupyter server the jupyter-modernize CLI runs its kernels on.

`python start_server.py ARGS` is `jupyter server ARGS`, made for a CLI that
needs kernels and sessions only:
- no server extensions (JupyterLab, LSP, terminals, this project's relay):
  they only lengthen the start;
- kernel websockets without Nagle's delay (jupyterlab_modernizer/nodelay.py,
  loaded by path: this works whether or not the package is installed);
- no interpreter teardown once the server has stopped (its kernels shut down,
  its files removed): freeing the server's modules took about a second, which
  the CLI waited for at the end of every run;
- no rfc3987_syntax: jsonschema imports it to check the `iri` formats, which the
  server's event schemas do not use, and it builds a grammar at import that took
  most of the server's start (4 of 6 s on a busy machine). Kernels are their own
  processes and keep their environment.
"""

import importlib.util
import os
import sys
from pathlib import Path

from traitlets.config import Config


def cli_config():
    """The settings above, under anything the command line and config files say."""
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    spec = importlib.util.spec_from_file_location(
        "jupyterlab_modernizer_nodelay", Path(__file__).resolve().parents[2] / "jupyterlab_modernizer" / "nodelay.py"
    )
    nodelay = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nodelay)
    enabled = ExtensionConfigManager(read_config_path=[os.getcwd(), *jupyter_config_path()]).get_jpserver_extensions()
    config = Config()
    config.ServerApp.jpserver_extensions = {name: False for name in enabled}
    config.ServerApp.kernel_websocket_connection_class = nodelay.NoDelayKernelConnection
    return config


if __name__ == "__main__":
    sys.modules["rfc3987_syntax"] = None
    from jupyter_server.serverapp import ServerApp

    ServerApp.launch_instance(config=cli_config())
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
