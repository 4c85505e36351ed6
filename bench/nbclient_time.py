"""Execute a notebook once with nbclient, in its own directory, and print its kernel time as JSON.

The reference for "one plain clean run": the modernizer's kernel time is compared with this.
"""
import json
import sys
import time
from datetime import datetime

import nbclient
import nbformat


def kernel_seconds(nb):
    total = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if start and end:
            parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))
            total += (parse(end) - parse(start)).total_seconds()
    return total


def main(path, cwd, timeout):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": cwd}}, allow_errors=True)
    started = time.monotonic()
    client.execute()
    errors = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    print(json.dumps({"kernelSeconds": kernel_seconds(nb), "wallSeconds": time.monotonic() - started, "errorCells": errors}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 600)
