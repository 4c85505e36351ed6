"""The public API of one release, as a user imports it, from the extracted modules.

`pandas.core.frame` defines `DataFrame`; `pandas/__init__.py` imports it: the user path
is `pandas.DataFrame`.  Every public path (module, name, class member, with inherited
members) maps to the canonical definition, and each definition gets a best path: the
shortest public one.
"""


SKIP_MODULES = {'conftest', 'tests', 'testing', 'setup'}


def is_public(path):
    return not any(p.startswith('_') for p in path.split('.'))


class ReleaseApi:
    def __init__(self, package, modules):
        self.package = package
        self.modules = {m: info for m, info in modules.items() if not set(m.split('.')) & SKIP_MODULES}
        self._memo = {}
        self.paths = {}       # public path -> canonical ('module.Name' or module name)
        self.best = {}        # canonical -> shortest public path
        self.objects = {}     # canonical -> def info (with merged members for classes)
        self.subclasses = {}  # canonical class -> canonical subclasses
        self._index()

    # -- name resolution -------------------------------------------------------------
    def resolve(self, module, name, depth=0):
        """Canonical target of `module.name`: ('def', 'mod.Name') / ('module', 'mod') / None."""
        key = (module, name)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None
        result = None
        info = self.modules.get(module)
        if depth < 25 and info is not None:
            d = info['defs'].get(name)
            if d is not None and d['t'] != 'alias':
                result = ('def', f'{module}.{name}')
            elif d is not None and '.' not in d['of']:
                result = self.resolve(module, d['of'], depth + 1)
            elif name in info['imports']:
                src, orig = info['imports'][name]
                if orig is None:
                    result = ('module', src) if src in self.modules else None
                elif f'{src}.{orig}' in self.modules:
                    result = ('module', f'{src}.{orig}')
                elif src in self.modules:
                    result = self.resolve(src, orig, depth + 1)
            else:
                for src in info.get('star', []):
                    if src in self.modules and name in self.exported(src) and not name.startswith('_'):
                        result = self.resolve(src, name, depth + 1)
                        if result:
                            break
            if result is None and f'{module}.{name}' in self.modules:
                result = ('module', f'{module}.{name}')
        self._memo[key] = result
        return result

    def namespace(self, module):
        """Public names an attribute access finds on the module (`__all__` does not limit these)."""
        info = self.modules[module]
        names = {n for n in list(info['defs']) + list(info['imports']) if not n.startswith('_')}
        for src in info.get('star', []):
            names |= self.exported(src)
        return names

    def exported(self, module, depth=0):
        info = self.modules.get(module)
        if info is None:
            return set()
        if 'all' in info:
            return set(info['all'])
        names = {n for n in list(info['defs']) + list(info['imports']) if not n.startswith('_')}
        if depth < 10:
            for src in info.get('star', []):
                names |= self.exported(src, depth + 1)
        return names

    # -- index ---------------------------------------------------------------------------
    def _class_members(self, canonical, seen=()):
        info = self.objects.get(canonical)
        if not info or info['t'] != 'class' or canonical in seen:
            return {}
        merged = {}
        module = canonical.rsplit('.', 1)[0]
        for base in info.get('bases', []):
            target = self._resolve_dotted(module, base)
            if target:
                merged.update(self._class_members(target, seen + (canonical,)))
        merged.update(info.get('members', {}))
        return merged

    def _resolve_dotted(self, module, expr):
        parts = expr.split('.')
        target = self.resolve(module, parts[0])
        for part in parts[1:]:
            if not target or target[0] != 'module':
                return None
            target = self.resolve(target[1], part)
        return target[1] if target and target[0] == 'def' else None

    def _index(self):
        for module, info in self.modules.items():
            for name, d in info['defs'].items():
                if d['t'] != 'alias':
                    self.objects[f'{module}.{name}'] = d
        for canonical, info in self.objects.items():
            if info['t'] == 'class':
                module = canonical.rsplit('.', 1)[0]
                for base in info.get('bases', []):
                    target = self._resolve_dotted(module, base)
                    if target:
                        self.subclasses.setdefault(target, set()).add(canonical)
        for module in self.modules:
            if not is_public(module):
                continue
            self._add(module, module)
            for name in self.namespace(module):
                target = self.resolve(module, name)
                if target and target[1].split('.')[0] == self.package:
                    self._add(f'{module}.{name}', target[1])
        members = {}
        for path, canonical in list(self.paths.items()):
            info = self.objects.get(canonical)
            if info and info['t'] == 'class':
                if canonical not in members:
                    members[canonical] = self._class_members(canonical)
                for m in members[canonical]:
                    if not m.startswith('_'):
                        self._add(f'{path}.{m}', f'{canonical}.{m}')
        self.members = members

    def _add(self, path, canonical):
        self.paths[path] = canonical
        best = self.best.get(canonical)
        def rank(p):
            return p.count('.'), p != canonical, len(p), p
        if best is None or rank(path) < rank(best):
            self.best[canonical] = path

    # -- queries ---------------------------------------------------------------------
    def info(self, canonical):
        """Def info of a canonical path, members included (`mod.Class.method`)."""
        if canonical in self.objects:
            return self.objects[canonical]
        owner, _, member = canonical.rpartition('.')
        if owner in self.objects and self.objects[owner]['t'] == 'class':
            if owner not in self.members:
                self.members[owner] = self._class_members(owner)
            return self.members[owner].get(member)
        return None

    def params(self, canonical):
        info = self.info(canonical)
        return info.get('params') if info else None

    def best_path(self, canonical):
        """User path of a canonical def or member: `pandas.core.frame.DataFrame.x` -> `pandas.DataFrame.x`."""
        if canonical in self.best:
            return self.best[canonical]
        owner, _, member = canonical.rpartition('.')
        if owner in self.best:
            return f'{self.best[owner]}.{member}'
        return canonical

    def public_subclasses(self, canonical, limit=12):
        """Shallow public subclasses (`pandas.DataFrame` for NDFrame), nearest first."""
        out, queue, seen = [], [canonical], {canonical}
        while queue:
            current = queue.pop(0)
            for sub in sorted(self.subclasses.get(current, ())):
                if sub in seen:
                    continue
                seen.add(sub)
                queue.append(sub)
                best = self.best.get(sub)
                if best and best.count('.') <= 2:
                    out.append(sub)
        return out[:limit]
