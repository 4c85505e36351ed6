"""Server configuration for the Galata integration tests.

!! Never use this configuration in production: it opens the server to anyone and exposes
JupyterLab's JavaScript objects on `window`.
"""

import os

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 - `c` is the config object jupyter provides

# Not 8888, so that `make lab` and `make test-ui` can run side by side.
c.ServerApp.port = int(os.environ.get("GALATA_PORT", "8889"))  # noqa: F821
# CI containers run as root.
c.ServerApp.allow_root = os.geteuid() == 0  # noqa: F821

# Uncomment to set server log level to debug level
# c.ServerApp.log_level = "DEBUG"
