"""Run INSIDE today's stack (the project venv or the TensorFlow venv): for each dotted path,
does it import / resolve, does resolving it warn, and what is its signature.  For option
keys: does pandas' get_option / matplotlib's rcParams know the key.

stdin: {"paths": [...], "options": {"pandas": [...], "matplotlib": [...]}}
stdout: {"paths": {path: {...}}, "options": {...}, "versions": {...}}
Standard library only; every lookup is guarded, one failing import never stops the rest.
"""
import builtins
import importlib
import inspect
import io
import json
import sys
import warnings
import contextlib

KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: 'o',
    inspect.Parameter.POSITIONAL_OR_KEYWORD: 'p',
    inspect.Parameter.VAR_POSITIONAL: 'v',
    inspect.Parameter.KEYWORD_ONLY: 'k',
    inspect.Parameter.VAR_KEYWORD: 'w',
}
DEPRECATIONS = (DeprecationWarning, FutureWarning, PendingDeprecationWarning)


def _import(name):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return importlib.import_module(name)


def resolve(path):
    if '.' not in path and hasattr(builtins, path):
        return {'exists': True, 'type': 'builtin'}
    parts = path.split('.')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        obj, i = None, len(parts)
        while i > 0:
            try:
                obj = _import('.'.join(parts[:i]))
                break
            except BaseException:
                i -= 1
        if obj is None:
            return {'exists': False}
        is_module = i == len(parts)
        for part in parts[i:]:
            try:
                obj = getattr(obj, part)
            except BaseException:
                return {'exists': False, 'warns': any(issubclass(w.category, DEPRECATIONS) for w in caught)}
        out = {'exists': True, 'type': 'module' if is_module else type(obj).__name__,
               'warns': any(issubclass(w.category, DEPRECATIONS) for w in caught)}
    if callable(obj) and not is_module:
        try:
            params = list(inspect.signature(obj).parameters.values())
            if params and params[0].name in ('self', 'cls') and inspect.isfunction(obj):
                params = params[1:]
            out['params'] = [[p.name, KINDS[p.kind]] for p in params]
        except BaseException:
            pass
    return out


def options(library, keys):
    out = {}
    if library == 'pandas':
        try:
            pd = _import('pandas')
        except BaseException:
            return {}
        for key in keys:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter('always')
                try:
                    pd.get_option(key)
                    out[key] = {'exists': True, 'warns': any(issubclass(w.category, DEPRECATIONS) for w in caught)}
                except BaseException:
                    out[key] = {'exists': False}
    elif library == 'matplotlib':
        try:
            mpl = _import('matplotlib')
        except BaseException:
            return {}
        deprecated = set(getattr(mpl, '_deprecated_map', {})) | set(getattr(mpl, '_deprecated_ignore_map', {}))
        for key in keys:
            out[key] = {'exists': key in mpl.rcParams, 'warns': key in deprecated}
    return out


def main():
    request = json.load(sys.stdin)
    result = {'paths': {p: resolve(p) for p in request.get('paths', [])},
              'options': {lib: options(lib, keys) for lib, keys in request.get('options', {}).items()},
              'versions': {}}
    for name in request.get('versions', []):
        try:
            result['versions'][name] = _import(name).__version__
        except BaseException:
            pass
    sys.stdout.write(json.dumps(result))


if __name__ == '__main__':
    main()
