"""Facts per library and kind, validated counts, and the file's size.

    python stats.py
"""
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
FACTS = os.path.join(os.path.dirname(os.path.dirname(HERE)), 'src', 'core', 'rules', 'kb', 'facts.json')


def main():
    data = json.load(open(FACTS))
    facts = data['facts']
    kinds = sorted({f['kind'] for f in facts})
    per = Counter((f['library'], f['kind']) for f in facts)
    valid = Counter(f['library'] for f in facts if f['validated'])
    total = Counter(f['library'] for f in facts)
    short = {k: k.replace('keyword', 'kw').replace('attribute', 'attr').replace('positional-to-', 'pos-') for k in kinds}
    print(f"{'library':14}" + ''.join(f'{short[k]:>15}' for k in kinds) + f"{'total':>8}{'valid':>7}")
    for lib in sorted(total):
        print(f'{lib:14}' + ''.join(f'{per[(lib, k)]:15}' for k in kinds) + f'{total[lib]:8}{valid[lib]:7}')
    print(f"{'all':14}" + ''.join(f'{sum(per[(l, k)] for l in total):15}' for k in kinds) +
          f'{len(facts):8}{sum(valid.values()):7}')
    origins = Counter(f['origin'] for f in facts)
    print('origin:', dict(sorted(origins.items())))
    print('validated:', sum(valid.values()), 'of', len(facts))
    print('with removedIn:', sum(1 for f in facts if f.get('removedIn')), ' with new/newParam/newValue:',
          sum(1 for f in facts if f.get('new') or f.get('newParam') or f.get('newValue')))
    print(f'size: {os.path.getsize(FACTS) / 1e6:.2f} MB; validated against: {", ".join(data["validatedAgainst"])}')


if __name__ == '__main__':
    main()
