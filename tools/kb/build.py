"""Mine candidate facts for one or more libraries from the cached release archives.

    python build.py pandas numpy        # -> $KB_CACHE/candidates/<library>.json

Per release: extract (cached as JSON), index its public API, interpret its deprecation
sites and tables.  Across releases: when each public path and each parameter of a
callable disappeared (removedIn), which keyword became keyword-only, and which removed
name reappears elsewhere today (a move).  Facts are deduplicated on their id, keeping the
earliest release that warned.
"""
import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from packaging.version import Version

from api import ReleaseApi, is_public
from extract import extract_archive, find_archive
from interpret import Context, Interpreter, Qualifier
from releases import LIBRARIES

CACHE = os.environ.get('KB_CACHE', '/work/.cache/kb')
EXTRACTOR_VERSION = 3


def extracted(dist, version):
    path = os.path.join(CACHE, 'extract', dist, f'{version}.json')
    if os.path.exists(path):
        data = json.load(open(path))
        if data.get('extractor') == EXTRACTOR_VERSION:
            return data
    archive = find_archive(os.path.join(CACHE, 'dl', dist, version))
    data = extract_archive(archive, LIBRARIES[dist][0])
    data['extractor'] = EXTRACTOR_VERSION
    data['archive'] = os.path.basename(archive)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    json.dump(data, open(path, 'w'))
    return data


def _extract_job(args):
    extracted(*args)
    return args


def releases_of(dist):
    root = os.path.join(CACHE, 'dl', dist)
    if not os.path.isdir(root):
        return []
    versions = [v for v in os.listdir(root) if find_archive(os.path.join(root, v))]
    return sorted(versions, key=Version)


def minor(version):
    """Releases are mined one per minor: `2.0.3` -> `2.0`, `0.22.2.post1` -> `0.22`."""
    v = Version(version)
    return f'{v.major}.{v.minor}'


def fact_id(fact):
    parts = [fact['library'], fact['kind'], fact['old']]
    if fact.get('param'):
        parts.append(fact['param'])
        if fact.get('value'):
            parts.append(fact['value'])
    return ':'.join(parts)


class History:
    """When public paths and parameters disappeared, across the mined releases."""

    def __init__(self, versions, apis):
        self.versions = versions
        last = len(versions) - 1
        path_seen, param_seen, kind_seen = {}, {}, {}
        for i, api in enumerate(apis):
            for path in api.paths:
                path_seen[path] = i
            for canonical, best in api.best.items():
                info = api.info(canonical)
                for name, kind in (info or {}).get('params') or []:
                    param_seen[(best, name)] = i
                    kind_seen.setdefault((best, name), {})[i] = kind
        self.removed = {p: versions[i + 1] for p, i in path_seen.items() if i < last}
        self.param_removed = {k: versions[i + 1] for k, i in param_seen.items() if i < last and k[0] in apis[-1].paths}
        self.kind_seen = kind_seen
        self.latest = apis[-1]

    def keyword_only_since(self, path):
        """(last positional parameter today, release where later ones became keyword-only)."""
        info = self.latest.info(self.latest.paths.get(path, ''))
        params = (info or {}).get('params') or []
        kw_only = [n for n, k in params if k == 'k']
        positional = [n for n, k in params if k in ('o', 'p') and n not in ('self', 'cls')]
        if not kw_only:
            return None
        since = None
        for name in kw_only:
            history = self.kind_seen.get((path, name), {})
            was_positional = [i for i, k in history.items() if k == 'p']
            if was_positional:
                since = max(since or 0, max(was_positional) + 1)
        if since is None or since >= len(self.versions):
            return None
        return (positional[-1] if positional else None), self.versions[since]


# Internals no notebook imports; their reshuffles are not worth facts.
INTERNAL = {'compat', 'computation', 'internals', 'conftest', 'core', 'tests', 'testing', 'libs', 'src', 'array_api',
            'api'}
# Namespaces that repeat the main one's names with other semantics (numpy.ma.in1d, numpy.matlib.zeros):
# a removed name did not move there.
TWINS = {'matlib', 'ma', 'char', 'scimath', 'emath', 'rec', 'strings', 'array_api', 'masked', 'src', 'legacy'}


def _similar(a, b):
    a, b = set(a), set(b)
    return bool(a) and len(a & b) >= max(1, len(a) / 2)


def _shape(api, canonical, is_module):
    """What a moved thing must keep: a module's names, a class's members, a function's parameters."""
    if is_module:
        return api.exported(canonical)
    info = api.info(canonical) or {}
    if info.get('t') == 'class':
        return {m for m in api.members.get(canonical) or api._class_members(canonical) if not m.startswith('_')}
    return {p for p, _ in info.get('params') or []} or {'()'}


def moved_names(dist, versions, apis, history, qualify):
    """Removed public modules/names (depth <= 3) that live on, with the same shape, at one public path today."""
    facts = []
    latest = apis[-1]
    for path, removed_in in sorted(history.removed.items()):
        leaf = path.rsplit('.', 1)[-1]
        if path.count('.') > 3 or not is_public(path) or len(leaf) < 4 or set(path.split('.')) & INTERNAL:
            continue
        index = versions.index(removed_in) - 1
        api = apis[index]
        canonical = api.paths[path]
        is_module = canonical == path and path in api.modules
        info = api.info(canonical)
        if not is_module:
            if not info or info['t'] not in ('class', 'func') or canonical.rsplit('.', 1)[0] in api.objects:
                continue  # only module-level classes and functions: members moving is what messages say
            if api.best_path(canonical) != path and path.count('.') > 2:
                continue
        shape = _shape(api, canonical, is_module)
        candidates = []
        for p in qualify.by_leaf.get(leaf, []):
            c = latest.paths[p]
            if is_module != (c == p and p in latest.modules) or set(p.split('.')) & TWINS:
                continue
            if not is_module:
                now = latest.info(c)
                if not now or now['t'] != info['t'] or latest.best_path(c) != p or c.rsplit('.', 1)[0] in latest.objects:
                    continue
            if _similar(shape, _shape(latest, c, is_module)):
                candidates.append(p)
        candidates.sort(key=lambda p: (p.count('.'), len(p)))
        if candidates and path.count('.') == 3 and candidates[0].count('.') > 2:
            continue  # deep old paths only when they moved somewhere shallow
        if not candidates or (len(candidates) > 1 and candidates[0].count('.') == candidates[1].count('.')):
            continue
        facts.append({'library': dist, 'kind': 'module-moved' if is_module else 'name-moved', 'old': path,
                      'new': candidates[0], 'removedIn': removed_in, 'origin': 'api-diff',
                      'source': f'{dist} {versions[index]}..{removed_in} api-diff'})
    return facts


def build(dist, jobs):
    versions = releases_of(dist)
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_extract_job, [(dist, v) for v in versions]))
    package = LIBRARIES[dist][0]
    apis, data = [], []
    for v in versions:
        d = extracted(dist, v)
        data.append(d)
        apis.append(ReleaseApi(package, d['modules']))
    qualify = Qualifier(package, apis[-1])
    history = History(versions, apis)
    candidates = []
    for version, api, d in zip(versions, apis, data):
        interp = Interpreter(dist, package, version, api, qualify, d['tables'])
        for site in d['deprecations']:
            try:
                interp.site(site)
            except Exception as exc:  # one odd site must not stop the run
                print(f'  skip {dist} {version} {site["file"]}:{site["line"]}: {exc!r}', file=sys.stderr)
        for table in d['tables']:
            interp.table(table)
        candidates += interp.facts
    # Deprecations still warning in today's release: the old API exists but warns.
    warning_today = {fact_id(f) for f in interp.facts}
    candidates += moved_names(dist, versions, apis, history, qualify)
    merged = {}
    for fact in candidates:
        fact['id'] = fact_id(fact)
        kept = merged.get(fact['id'])
        if kept is None:
            merged[fact['id']] = fact
            continue
        for key in ('new', 'newParam', 'newValue', 'message', 'removedIn'):
            if not kept.get(key) and fact.get(key):
                kept[key] = fact[key]
        if kept.get('origin') == 'api-diff' and fact.get('origin') != 'api-diff':
            kept['origin'], kept['source'] = fact['origin'], fact['source']
            kept['deprecatedIn'] = fact.get('deprecatedIn')
    for fact in merged.values():
        if fact['id'] in warning_today:
            fact['warnsToday'] = True
        removed = None
        if fact['kind'] in ('keyword-renamed', 'keyword-removed'):
            removed = history.param_removed.get((fact['old'], fact['param']))
        elif fact['kind'] in ('module-moved', 'name-moved', 'attribute-renamed', 'attribute-removed'):
            removed = history.removed.get(fact['old'])
        elif fact['kind'] == 'positional-to-keyword':
            since = history.keyword_only_since(fact['old'])
            removed = since[1] if since else None
        if removed and (not fact.get('deprecatedIn') or Version(removed) > Version(fact['deprecatedIn'])):
            fact['removedIn'] = removed
        elif not fact.get('removedIn'):
            fact.pop('removedIn', None)
    # Keyword-only parameters that were positional in an older release, from the API diff.
    for path in sorted(apis[-1].paths):
        canonical = apis[-1].paths[path]
        if apis[-1].best_path(canonical) != path or path.count('.') > 3:
            continue
        since = history.keyword_only_since(path)
        if since and since[0]:
            fid = f'{dist}:positional-to-keyword:{path}:{since[0]}'
            fact = merged.get(fid) or {'id': fid, 'library': dist, 'kind': 'positional-to-keyword', 'old': path,
                                       'param': since[0], 'origin': 'api-diff', 'source': f'{dist} {since[1]} api-diff'}
            fact['removedIn'] = since[1]
            merged[fid] = fact
    for fact in merged.values():
        for key in ('deprecatedIn', 'removedIn'):
            if fact.get(key):
                fact[key] = minor(fact[key])
    out = os.path.join(CACHE, 'candidates', f'{dist}.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    json.dump({'library': dist, 'versions': versions, 'facts': sorted(merged.values(), key=lambda f: f['id'])},
              open(out, 'w'), indent=0)
    return dist, len(versions), len(merged)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('libraries', nargs='*', default=list(LIBRARIES))
    ap.add_argument('--jobs', type=int, default=2)
    args = ap.parse_args()
    for dist in args.libraries:
        print(*build(dist, args.jobs), flush=True)


if __name__ == '__main__':
    main()
