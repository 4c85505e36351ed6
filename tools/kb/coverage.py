"""How many entries of the hand-checked API-change reference the mined base covers.

    python coverage.py [--reference ../shared/reference/api-changes.jsonl] [--list]

An entry is covered when a fact of the same library names the same thing the old code
uses: the attribute / imported name / module / keyword its error names, or, when the
error names nothing, a dotted name or `keyword=` of its old code that a fact holds
(with the callable it belongs to, for keywords).  Matching is on names only; whether
the fact's replacement is the reference's replacement is not judged here.
"""
import argparse
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FACTS = os.path.join(REPO, 'src', 'core', 'rules', 'kb', 'facts.json')
REFERENCE = '/work/shared/reference/api-changes.jsonl'
LIBRARIES = {'keras/tensorflow': {'keras', 'tensorflow'}}
ALIASES = {'np': 'numpy', 'pd': 'pandas', 'plt': 'matplotlib.pyplot', 'sns': 'seaborn', 'tf': 'tensorflow',
           'sm': 'statsmodels.api', 'xgb': 'xgboost', 'lgb': 'lightgbm', 'mpl': 'matplotlib'}
ATTRIBUTE_ERRORS = [r"has no attribute '(\w+)'", r"`np\.(\w+)` was removed", r"cannot import name '(\w+)'"]
MODULE_ERRORS = [r"No module named '([\w\.]+)'"]
KEYWORD_ERRORS = [r"unexpected keyword argument '(\w+)'", r"The '(\w+)' parameter of", r"'(\w+)' was deprecated"]


def names_in_code(code):
    dotted = set()
    for m in re.finditer(r"\b([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+)", code):
        head, _, rest = m.group(1).partition('.')
        dotted.add(f'{ALIASES.get(head, head)}.{rest}')
    for m in re.finditer(r"\.\s*([A-Za-z_]\w*)", code):
        dotted.add(m.group(1))
    imports = set(re.findall(r"(?:from|import)\s+([\w\.]+)", code))
    for m in re.finditer(r"from\s+([\w\.]+)\s+import\s+([\w, ]+)", code):
        for name in m.group(2).split(','):
            if name.strip():
                dotted.add(f'{m.group(1)}.{name.strip()}')
    calls = {m.group(1).rsplit('.', 1)[-1] for m in re.finditer(r"([\w\.]+)\s*\(", code)}
    keywords = set(re.findall(r"\b(\w+)\s*=(?!=)", code)) | set(re.findall(r"'(\w+)'\s*:", code))
    return dotted, imports, calls, keywords


def _leaf(path):
    return path.rsplit('.', 1)[-1]


def names_the_api(entry):
    """Does the entry's error name the attribute / module / keyword (the strict matches)?"""
    key = entry.get('error_key') or ''
    return any(re.search(p, key) for p in ATTRIBUTE_ERRORS + MODULE_ERRORS + KEYWORD_ERRORS)


def covers(fact, entry):
    key = entry.get('error_key') or ''
    code = entry.get('old_code') or ''
    dotted, imports, calls, keywords = names_in_code(code)
    kind = fact['kind']
    for pattern in ATTRIBUTE_ERRORS:
        m = re.search(pattern, key)
        if m:
            return kind in ('attribute-renamed', 'attribute-removed', 'name-moved', 'module-moved') and _leaf(fact['old']) == m.group(1)
    for pattern in MODULE_ERRORS:
        m = re.search(pattern, key)
        if m:
            return kind == 'module-moved' and (fact['old'] == m.group(1) or m.group(1).startswith(fact['old'] + '.'))
    for pattern in KEYWORD_ERRORS:
        m = re.search(pattern, key)
        if m and kind in ('keyword-renamed', 'keyword-removed', 'value-renamed'):
            if fact.get('param') == m.group(1) and _leaf(fact['old']) in calls:
                return True
    if kind in ('keyword-renamed', 'keyword-removed'):
        return fact.get('param') in keywords and _leaf(fact['old']) in calls
    if kind == 'value-renamed':
        return fact.get('param') in keywords and (fact.get('value') or '').strip('\'"') in code and _leaf(fact['old']) in calls
    if kind == 'positional-to-keyword':
        return 'positional' in key and _leaf(fact['old']) in calls
    if kind.startswith('option-'):
        return bool(fact.get('param')) and fact['param'] in code
    if kind == 'module-moved':
        return fact['old'] in dotted or any(i == fact['old'] or i.startswith(fact['old'] + '.') for i in imports)
    # attribute / name kinds: the full path, or its last two parts, appear in the old code.
    tail = '.'.join(fact['old'].split('.')[-2:])
    return fact['old'] in dotted or any(d.endswith('.' + tail) or d == tail for d in dotted) or (
        any(d == _leaf(fact['old']) for d in dotted) and not re.search(r'\w' + re.escape(_leaf(fact['old'])), code)
        and fact['old'].count('.') >= 2 and fact['old'].split('.')[1][0].isupper())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reference', default=REFERENCE)
    ap.add_argument('--facts', default=FACTS)
    ap.add_argument('--list', action='store_true', help='print each entry and whether it is covered')
    args = ap.parse_args()
    facts = json.load(open(args.facts))['facts']
    by_library = {}
    for f in facts:
        by_library.setdefault(f['library'], []).append(f)
    entries = [json.loads(line) for line in open(args.reference) if line.strip()]
    totals = {}
    for entry in entries:
        libs = LIBRARIES.get(entry['library'], {entry['library']})
        candidates = [f for lib in libs for f in by_library.get(lib, [])]
        hits = [f for f in candidates if covers(f, entry)]
        t = totals.setdefault(entry['library'], [0, 0, 0, 0])
        t[0] += 1
        t[1] += bool(hits)
        t[2] += any(f['validated'] for f in hits)
        t[3] += bool(hits) and names_the_api(entry)
        if args.list:
            mark = 'V' if any(f['validated'] for f in hits) else ('A' if hits else '-')
            print(f"{mark} {entry['library']:16} {entry['id']:40} {hits[0]['id'] if hits else ''}")
    print(f"{'library':18}{'entries':>8}{'covered':>9}{'by validated':>14}{'error names it':>16}")
    for lib in sorted(totals):
        n, c, v, s = totals[lib]
        print(f'{lib:18}{n:8}{c:9}{v:14}{s:16}')
    n, c, v, s = (sum(t[i] for t in totals.values()) for i in range(4))
    print(f"{'all':18}{n:8}{c:9}{v:14}{s:16}")
    print(f'{c} of {n} entries covered ({100 * c / n:.0f}%), {v} by a validated fact; '
          f'{s} where the error itself names what the fact holds (the others match a name in the old code)')


if __name__ == '__main__':
    main()
