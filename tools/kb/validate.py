"""Check every candidate fact against today's stack and write src/core/rules/kb/facts.json.

    python validate.py            # all libraries with candidates in $KB_CACHE/candidates

Introspection runs in a subprocess per library (introspect.py) in the Python that has
today's pinned stack: the project venv, or a separate venv for TensorFlow/Keras.
A fact is `validated` when the replacement resolves (imports, attribute exists, keyword in
today's signature) and the old API is gone or still warns; the rest stays as advice.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CACHE = os.environ.get('KB_CACHE', '/work/.cache/kb')
PROJECT_PYTHON = os.environ.get('KB_PYTHON', os.path.join(REPO, '.venv', 'bin', 'python'))
TF_PYTHON = os.environ.get('KB_TF_PYTHON', os.path.join(CACHE, 'tf-venv', 'bin', 'python'))
OUTPUT = os.path.join(REPO, 'src', 'core', 'rules', 'kb', 'facts.json')
IMPORT_NAMES = {
    'pandas': 'pandas', 'numpy': 'numpy', 'scikit-learn': 'sklearn', 'scipy': 'scipy', 'matplotlib': 'matplotlib',
    'seaborn': 'seaborn', 'statsmodels': 'statsmodels', 'ipython': 'IPython', 'xgboost': 'xgboost',
    'lightgbm': 'lightgbm', 'keras': 'keras', 'tensorflow': 'tensorflow',
}
FIELDS = ['id', 'library', 'kind', 'old', 'new', 'param', 'newParam', 'value', 'newValue',
          'deprecatedIn', 'removedIn', 'message', 'source', 'origin', 'validated']


def python_for(library):
    return TF_PYTHON if library in ('keras', 'tensorflow') else PROJECT_PYTHON


def introspect(python, paths, options, versions):
    request = json.dumps({'paths': sorted(paths), 'options': options, 'versions': versions})
    run = subprocess.run([python, os.path.join(HERE, 'introspect.py')], input=request, capture_output=True,
                         text=True, timeout=1800, env={**os.environ, 'MPLBACKEND': 'Agg', 'TF_CPP_MIN_LOG_LEVEL': '3'})
    if run.returncode != 0:
        print(run.stderr[-2000:], file=sys.stderr)
        return {'paths': {}, 'options': {}, 'versions': {}}
    return json.loads(run.stdout)


def _names(info):
    return [p for p, _ in info.get('params') or []]


def is_valid(fact, paths, options):
    kind = fact['kind']
    old = paths.get(fact['old'], {})
    new = paths.get(fact.get('new') or '', {})
    old_gone_or_warns = not old.get('exists') or old.get('warns') or fact.get('warnsToday')
    if (fact.get('new') or '').startswith('tensorflow.compat.v1'):
        return False  # TF1 symbols kept for graph mode: no drop-in replacement under TF2's eager default
    if kind == 'module-moved' and not fact.get('new'):
        return bool(old_gone_or_warns)  # gone with no successor: TensorFlow's tf.contrib
    if kind in ('module-moved', 'name-moved', 'attribute-renamed'):
        return bool(new.get('exists')) and bool(old_gone_or_warns)
    if kind == 'attribute-removed':
        return bool(old_gone_or_warns)
    if kind.startswith('option-'):
        lib_options = options.get(fact['library'], {})
        old_opt = lib_options.get(fact['param'], {})
        gone = not old_opt.get('exists') or old_opt.get('warns') or fact.get('warnsToday')
        if kind == 'option-renamed':
            return bool(lib_options.get(fact.get('newParam'), {}).get('exists')) and bool(gone)
        return bool(gone)
    if not old.get('exists') or 'params' not in old:
        return False
    names = _names(old)
    if kind == 'keyword-renamed':
        return fact.get('newParam') in names and (fact['param'] not in names or bool(fact.get('warnsToday')))
    if kind == 'keyword-removed':
        return fact['param'] not in names or bool(fact.get('warnsToday'))
    if kind == 'positional-to-keyword':
        params = old['params']
        if fact['param'] not in names:
            return False
        after = params[names.index(fact['param']) + 1:]
        return bool(after) and after[0][1] == 'k'
    if kind == 'value-renamed':
        return fact['param'] in names
    return False


def validate_library(library, facts):
    paths = set()
    options = {}
    for f in facts:
        paths.add(f['old'])
        if f.get('new'):
            paths.add(f['new'])
        if f['kind'].startswith('option-'):
            options.setdefault(f['library'], set()).update(x for x in (f.get('param'), f.get('newParam')) if x)
    result = introspect(python_for(library), paths, {k: sorted(v) for k, v in options.items()},
                        [IMPORT_NAMES[library]])
    for f in facts:
        f['validated'] = bool(is_valid(f, result['paths'], result['options']))
    return result['versions']


def compact(fact):
    out = {k: fact[k] for k in FIELDS if fact.get(k) not in (None, '') or k == 'validated'}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('libraries', nargs='*')
    args = ap.parse_args()
    folder = os.path.join(CACHE, 'candidates')
    libraries = args.libraries or sorted(f[:-5] for f in os.listdir(folder) if f.endswith('.json'))
    existing = json.load(open(OUTPUT)) if os.path.exists(OUTPUT) else {'facts': [], 'validatedAgainst': []}
    kept = [f for f in existing['facts'] if f['library'] not in libraries]
    against = {v.split('==')[0]: v for v in existing.get('validatedAgainst', [])}
    for library in libraries:
        facts = json.load(open(os.path.join(folder, f'{library}.json')))['facts']
        # A fact with neither a replacement nor the library's words helps no one.
        facts = [f for f in facts if f.get('new') or f.get('newParam') or f.get('newValue') or f.get('message')
                 or f['kind'] == 'positional-to-keyword']
        versions = validate_library(library, facts)
        for name, version in versions.items():
            dist = next(d for d, i in IMPORT_NAMES.items() if i == name)
            against[dist] = f'{dist}=={version}'
        kept += [compact(f) for f in facts]
        print(library, len(facts), sum(f['validated'] for f in facts), flush=True)
    kept.sort(key=lambda f: (f['library'], f['id']))
    out = {'schema': 1, 'minedAt': datetime.date.today().isoformat(),
           'validatedAgainst': sorted(against.values()), 'facts': kept}
    with open(OUTPUT, 'w') as fh:
        fh.write(dumps(out))


def dumps(kb):
    """One fact per line: compact, and a re-run's diff reads fact by fact."""
    head = {k: v for k, v in kb.items() if k != 'facts'}
    lines = [json.dumps(f, ensure_ascii=False, separators=(',', ':')) for f in kb['facts']]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "facts": [\n'
    return text + ',\n'.join(lines) + '\n ]\n}\n'


if __name__ == '__main__':
    main()
