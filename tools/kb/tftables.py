"""TensorFlow's own TF1 -> TF2 tables, read from tools/compatibility in a current wheel.

    python tftables.py        # -> $KB_CACHE/candidates/tensorflow.json

- renames_v2.renames / all_renames_v2.manual_symbol_renames: `tf.x` -> `tf.compat.v1.x` or its TF2 name;
- tf_upgrade_v2 `function_keyword_renames`: keyword renames per function;
- module_deprecations_v2.MODULE_DEPRECATIONS: modules gone in TF2 (tf.contrib), with TF's message.
"""
import ast
import json
import os
import zipfile

from extract import find_archive
from releases import TENSORFLOW

CACHE = os.environ.get('KB_CACHE', '/work/.cache/kb')
FOLDER = 'tensorflow/tools/compatibility/'


def tf_path(name):
    return 'tensorflow' + name[2:] if name.startswith('tf.') or name == 'tf' else name


def _assignments(tree):
    """name (or self.attr) -> value node, for every assignment in the file."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            t = node.targets[0]
            key = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
            if key:
                out.setdefault(key, (node.value, node.lineno))
    return out


def _strings(tree):
    """Module-level string constants (the warning texts), joined when tuples `(level, text)`."""
    out = {}
    for key, (value, _) in _assignments(tree).items():
        if isinstance(value, ast.Tuple) and value.elts:
            value = value.elts[-1]
        try:
            text = ast.literal_eval(value)
        except Exception:
            continue
        if isinstance(text, str):
            out[key] = text
    return out


def facts_from_wheel(archive, version):
    facts = []
    with zipfile.ZipFile(archive) as z:
        files = {n[len(FOLDER):]: z.read(n).decode('utf-8', 'replace') for n in z.namelist()
                 if n.startswith(FOLDER) and n.endswith('.py')}
    dist = 'tensorflow'

    def source(file, line):
        return f'{TENSORFLOW[0]} {version} {FOLDER}{file}:{line}'

    for file, name in (('renames_v2.py', 'renames'), ('all_renames_v2.py', 'manual_symbol_renames')):
        if file not in files:
            continue
        value, line = _assignments(ast.parse(files[file])).get(name, (None, 0))
        try:
            table = ast.literal_eval(value) if value is not None else {}
        except ValueError:
            table = {}
        for old, new in sorted(table.items()):
            facts.append({'library': dist, 'kind': 'attribute-renamed', 'old': tf_path(old), 'new': tf_path(new),
                          'removedIn': '2.0', 'origin': 'table', 'source': source(file, line),
                          'message': f'TensorFlow 2 upgrade script: {old} -> {new}'})
    if 'tf_upgrade_v2.py' in files:
        value, line = _assignments(ast.parse(files['tf_upgrade_v2.py'])).get('function_keyword_renames', (None, 0))
        try:
            table = ast.literal_eval(value) if value is not None else {}
        except ValueError:
            table = {}
        for func, renames in sorted(table.items()):
            if not func.startswith('tf.'):
                continue  # `*.minimize`: any object's method, not a path
            for old_arg, new_arg in sorted(renames.items()):
                text = (f'TensorFlow 2 upgrade script: renamed keyword argument {old_arg} -> {new_arg}' if new_arg
                        else f'TensorFlow 2 upgrade script: keyword argument {old_arg} was removed')
                facts.append({'library': dist, 'kind': 'keyword-renamed' if new_arg else 'keyword-removed',
                              'old': tf_path(func), 'param': old_arg, 'newParam': new_arg, 'removedIn': '2.0',
                              'origin': 'table', 'source': source('tf_upgrade_v2.py', line), 'message': text})
    if 'module_deprecations_v2.py' in files:
        tree = ast.parse(files['module_deprecations_v2.py'])
        texts = _strings(tree)
        value, line = _assignments(tree).get('MODULE_DEPRECATIONS', (None, 0))
        if isinstance(value, ast.Dict):
            for k, v in zip(value.keys, value.values):
                module = ast.literal_eval(k)
                text = None
                if isinstance(v, ast.Tuple) and v.elts:
                    last = v.elts[-1]
                    text = texts.get(last.id) if isinstance(last, ast.Name) else (ast.literal_eval(last) if isinstance(last, ast.Constant) else None)
                elif isinstance(v, ast.Name):
                    text = texts.get(v.id)
                facts.append({'library': dist, 'kind': 'module-moved', 'old': tf_path(module), 'removedIn': '2.0',
                              'origin': 'table', 'source': source('module_deprecations_v2.py', line),
                              'message': ' '.join((text or f'{module} is not in TensorFlow 2').split())})
    return facts


def main():
    from build import fact_id
    dist, version = TENSORFLOW
    archive = find_archive(os.path.join(CACHE, 'dl', dist, version))
    facts = facts_from_wheel(archive, version)
    merged = {}
    for f in facts:
        f = {k: v for k, v in f.items() if v is not None}
        f['id'] = fact_id(f)
        merged.setdefault(f['id'], f)
    out = os.path.join(CACHE, 'candidates', 'tensorflow.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    json.dump({'library': 'tensorflow', 'versions': [version], 'facts': sorted(merged.values(), key=lambda f: f['id'])},
              open(out, 'w'), indent=0)
    print('tensorflow', len(merged))


if __name__ == '__main__':
    main()
