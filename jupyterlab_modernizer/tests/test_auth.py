"""Like the extension template's check_auth.py: no endpoint of ours may skip authentication."""

import warnings

from jupyter_server.serverapp import ServerApp
from jupyter_server.utils import JupyterServerAuthWarning


def test_every_endpoint_requires_authentication(tmp_path):
    app = ServerApp(
        allow_unauthenticated_access=False,
        jpserver_extensions={"jupyterlab_modernizer": True},
        reraise_server_extension_failures=True,
        root_dir=str(tmp_path),
        runtime_dir=str(tmp_path / "runtime"),
    )

    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        app.initialize(argv=[], find_extensions=False, new_httpserver=False)

    assert "jupyterlab_modernizer" in app.extension_manager.extensions
    assert [p for p in _patterns(app.web_app.default_router) if "jupyterlab-modernizer/llm" in p]
    problems = [
        str(record.message)
        for record in records
        if issubclass(record.category, JupyterServerAuthWarning)
        and "jupyterlab-modernizer" in str(record.message)
    ]
    assert problems == []


def _patterns(router):
    """Every URL pattern below a tornado router (host rules hold routers of their own)."""
    for rule in getattr(router, "rules", []):
        regex = getattr(rule.matcher, "regex", None)
        if regex is not None:
            yield regex.pattern
        yield from _patterns(rule.target)
