"""Download one archive per selected release into the cache (never installed).

Uses pip itself (`pip index versions`, `pip download --only-binary`), trying the small
macOS wheels first, then other platforms and older Pythons, since the source is the same.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from packaging.version import InvalidVersion, Version

from releases import LIBRARIES, MAJOR_ONLY, TENSORFLOW

CACHE = os.environ.get('KB_CACHE', '/work/.cache/kb')
MAC = ['macosx_11_0_arm64', 'macosx_10_9_x86_64', 'macosx_10_6_intel', 'any']
ALL = MAC + ['win_amd64', 'manylinux2014_x86_64', 'manylinux1_x86_64', 'win32']
PYTHONS = ['3.12', '3.10', '3.8', '3.7', '3.6', '3.5', '3.4', '2.7']
# Python last found to have a wheel, per library: older releases start from it.
_last_python = {}


def available_versions(dist):
    out = subprocess.run([sys.executable, '-m', 'pip', 'index', 'versions', dist],
                         capture_output=True, text=True).stdout
    m = re.search(r'Available versions: (.*)', out)
    return [v.strip() for v in m.group(1).split(',')] if m else []


def select_releases(dist, versions):
    _, oldest, keep = LIBRARIES[dist]
    by_minor = {}
    for raw in versions:
        try:
            v = Version(raw)
        except InvalidVersion:
            continue
        if v.is_prerelease or v < Version(oldest):
            continue
        key = (v.major,) if dist in MAJOR_ONLY else (v.major, v.minor)
        if key not in by_minor or v > Version(by_minor[key]):
            by_minor[key] = raw
    chosen = [by_minor[k] for k in sorted(by_minor)]
    if keep > 1:
        newest = chosen[-1]
        chosen = chosen[::keep]
        if chosen[-1] != newest:
            chosen.append(newest)
    return chosen


def archive_dir(dist, version):
    return os.path.join(CACHE, 'dl', dist, version)


def download(dist, version):
    target = archive_dir(dist, version)
    if os.path.isdir(target) and any(f.endswith(('.whl', '.tar.gz', '.zip')) for f in os.listdir(target)):
        return dist, version, 'cached'
    os.makedirs(target, exist_ok=True)
    start = PYTHONS.index(_last_python.get(dist, PYTHONS[0]))
    for py in PYTHONS[start:] + PYTHONS[:start]:
        # macOS wheels first: they are the smallest (XGBoost's Linux/Windows ones bundle CUDA).
        for group in (MAC, ALL):
            cmd = [sys.executable, '-m', 'pip', 'download', '--no-deps', '--only-binary', ':all:',
                   '--python-version', py, '-d', target, '-q', f'{dist}=={version}']
            for p in group:
                cmd += ['--platform', p]
            if subprocess.run(cmd, capture_output=True).returncode == 0:
                _last_python[dist] = py
                return dist, version, f'py{py} {group[0]}'
    return dist, version, 'none'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('libraries', nargs='*', default=list(LIBRARIES) + ['tensorflow'])
    ap.add_argument('--jobs', type=int, default=3)
    args = ap.parse_args()
    plan = []
    for dist in args.libraries:
        if dist == 'tensorflow':
            plan.append(TENSORFLOW)
            continue
        for v in reversed(select_releases(dist, available_versions(dist))):
            plan.append((dist, v))
    manifest_path = os.path.join(CACHE, 'manifest.json')
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    by_library = {}
    for dist, version in plan:
        by_library.setdefault(dist, []).append(version)

    def fetch_library(dist):
        return [download(dist, v) for v in by_library[dist]]

    with ThreadPoolExecutor(args.jobs) as pool:
        results = [r for rs in pool.map(fetch_library, by_library) for r in rs]
    for dist, version, how in results:
        if True:
            print(dist, version, how, flush=True)
            if how != 'none':
                manifest.setdefault(dist, [])
                if version not in manifest[dist]:
                    manifest[dist].append(version)
    for dist in manifest:
        manifest[dist].sort(key=Version)
    json.dump(manifest, open(manifest_path, 'w'), indent=1, sort_keys=True)


if __name__ == '__main__':
    main()
