"""`jupyter modernize` (the console script `jupyter-modernize`): runs the CLI bundled in the
package (cli/jupyter-modernize.js) with the machine's Node.js, and the `jupyter` of this
Python environment for the server it starts."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE = Path(__file__).parent / "cli" / "jupyter-modernize.js"

NO_NODE = (
    "jupyter-modernize: error: Node.js was not found. The modernizer's command line runs on Node.js 18 "
    "or newer: install it (https://nodejs.org, or your system's `nodejs` package) and put `node` on "
    "PATH, or set NODE to its path.\n"
)


def find_node():
    """$NODE, else `node` on PATH; None when neither is there."""
    node = os.environ.get("NODE")
    if node:
        return node if shutil.which(node) else None
    return shutil.which("node")


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    node = find_node()
    if node is None:
        sys.stderr.write(NO_NODE)
        return 127
    if not BUNDLE.is_file():
        sys.stderr.write(f"jupyter-modernize: error: the bundled command line is missing ({BUNDLE}); reinstall the package.\n")
        return 1
    env = dict(os.environ)
    # The server the CLI starts is this environment's Jupyter, whatever PATH says.
    jupyter = Path(sys.executable).with_name("jupyter")
    if jupyter.exists():
        env.setdefault("MODERNIZER_JUPYTER", str(jupyter))
    command = [node, str(BUNDLE), *args]
    if os.name == "posix" and argv is None:
        # Node takes over the process: Ctrl-C and the exit code reach it directly.
        os.execve(shutil.which(node), command, env)
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main())
