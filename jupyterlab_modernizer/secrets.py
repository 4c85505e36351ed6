"""Keeping the relay's API key away from kernels.

Jupyter starts every kernel with a copy of the server's environment, and notebook code can print
``os.environ``. The relay reads its key once, then the server's environment loses every variable
that holds it: the configured name, ``OPENAI_API_KEY``, and any other name with the same value.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from .relay import LLMRelay

#: Shorter values are not treated as keys (an empty or trivial value could match harmless variables).
MIN_SECRET_LENGTH = 8


def remove_key_from_environment(environ: t.MutableMapping[str, str], relay: LLMRelay) -> list[str]:
    """Remove the relay's key from ``environ``; returns the removed names (never values)."""
    key = relay.api_key  # read now, while the variable still exists
    names = {relay.api_key_env, "OPENAI_API_KEY"}
    if key and len(key) >= MIN_SECRET_LENGTH:
        names.update(name for name, value in environ.items() if value == key)
    removed = sorted(name for name in names if name in environ)
    for name in removed:
        del environ[name]
    return removed
