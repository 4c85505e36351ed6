"""Turn one release's deprecation sites and tables into candidate facts.

A site knows its enclosing scope (module, class, function and its parameters); the
message says the rest.  Names are qualified against the release's own API and today's
(the newest mined release), so `Use .values instead` inside `NDFrame.as_matrix` becomes
`pandas.DataFrame.as_matrix` -> `pandas.DataFrame.values`.
"""
import builtins
import re

import msgparse
from api import is_public

USER_ALIASES = {
    'np': 'numpy', 'pd': 'pandas', 'plt': 'matplotlib.pyplot', 'mpl': 'matplotlib', 'sns': 'seaborn',
    'sm': 'statsmodels.api', 'smf': 'statsmodels.formula.api', 'tf': 'tensorflow', 'xgb': 'xgboost',
    'lgb': 'lightgbm', 'skl': 'sklearn',
}
PACKAGES = {'numpy', 'pandas', 'sklearn', 'scipy', 'matplotlib', 'seaborn', 'statsmodels', 'IPython',
            'xgboost', 'lightgbm', 'keras', 'tensorflow', 'mpl_toolkits', 'joblib', 'ipywidgets', 'notebook'}
MAX_MESSAGE = 400
DEPRECATION_CATEGORY = re.compile(r'Deprecat|FutureWarning|ShimWarning|mplDeprecation', re.I)
CHANGE_WORDS = re.compile(r'deprecat|will be removed|has been removed|was removed|is removed|renamed|'
                          r'no longer supported|has moved|moved to|will be dropped', re.I)
BEHAVIOUR = re.compile(r'\bbehaviou?r\b|\bdefault\b|will change|will raise|silently|in a future version,? (?:this|it|the)', re.I)
NAME_KINDS = {'module-moved', 'name-moved', 'attribute-renamed', 'attribute-removed'}
# `obj.ffill()`, `df.to_numpy()` in a message: a member of the object the method is called on.
OBJECT_WORDS = {'X', 'A', 'M', 'm', 'res', 'result', 'results', 'mod', 'dist', 'obj', 'df', 'ser', 's', 'self', 'series', 'frame', 'ax', 'axes', 'model', 'est', 'estimator',
                'clf', 'fig', 'arr', 'a', 'x', 'idx', 'index', 'gb', 'grouped', 'rolling', 'resampler'}


class Context:
    """Where a site is: its module, owning class and callable, as canonical and user paths."""

    def __init__(self, site, api):
        self.api = api
        self.module = site['module']
        names, self.owner, self.callable, self.params = [], None, None, None
        for kind, name in site['scope']:
            if kind == 'def':
                if name == '__init__' and names:
                    self.callable = '.'.join([self.module] + names)
                else:
                    self.callable = '.'.join([self.module] + names + [name])
                break
            names.append(name)
        if names:
            self.owner = '.'.join([self.module] + names)
        deco = site.get('decorates')
        if deco:
            base = [self.module] + [n for _, n in site['scope']]
            if deco['what'] == 'class':
                self.callable = '.'.join(base + [deco['name']])
                info = api.info(self.callable) or {}
                self.params = [p for p in info.get('params') or []]
            else:
                self.owner = '.'.join(base) if site['scope'] else None
                self.callable = '.'.join(base + [deco['name']]) if deco['name'] != '__init__' else '.'.join(base)
                self.params = [[p, k] for p, k in (deco.get('params') or [])]
                if self.owner and deco['what'] == 'def' and deco['name'] != 'staticmethod':
                    self.params = self.params[1:] if self.params and self.params[0][0] in ('self', 'cls') else self.params
        elif self.callable:
            info = api.info(self.callable) or {}
            self.params = info.get('params')
            if self.params is None and site.get('params') is not None:
                self.params = [[p, 'p'] for p in site['params'] if p not in ('self', 'cls')]
        self.assign_target = site.get('target')

    @property
    def param_names(self):
        return [p for p, k in (self.params or []) if k in ('o', 'p', 'k')]

    @property
    def takes_kwargs(self):
        return any(k == 'w' for _, k in (self.params or []))

    def user_paths(self, canonical):
        """User paths for a canonical path; methods of a deep base class go to its public subclasses."""
        if canonical is None:
            return []
        owner, _, member = canonical.rpartition('.')
        if owner in self.api.objects and self.api.objects[owner]['t'] == 'class':
            best_owner = self.api.best_path(owner)
            if best_owner.count('.') > 2 or not is_public(best_owner):
                subs = [self.api.best_path(s) for s in self.api.public_subclasses(owner, limit=6)]
                if subs:
                    return [f'{s}.{member}' for s in subs]
            return [f'{best_owner}.{member}']
        return [self.api.best_path(canonical)]


class Qualifier:
    """Full path of a name as a message writes it, checked against today's API when possible."""

    def __init__(self, package, latest):
        self.package = package
        self.latest = latest
        self.by_leaf = {}
        for path in latest.paths:
            self.by_leaf.setdefault(path.rsplit('.', 1)[-1], []).append(path)

    def exists(self, path, api=None):
        return path in self.latest.paths or (api is not None and path in api.paths)

    def __call__(self, raw, ctx, owner_paths=()):
        if raw and raw.endswith('()'):
            raw = raw[:-2]
        if not raw or re.search(r'[{}()\[\] ,=]', raw):
            return None  # an expression (`cs.labelTexts[0].get_font()`), not a path
        if raw.startswith('.'):
            raw = raw[1:]
            return f'{owner_paths[0].rsplit(".", 1)[0]}.{raw}' if owner_paths else (
                f'{ctx.api.best_path(ctx.owner)}.{raw}' if ctx.owner else None)
        head, _, rest = raw.partition('.')
        if head in OBJECT_WORDS and rest:
            return self(f'.{rest}', ctx, owner_paths)
        if head in USER_ALIASES:
            raw = USER_ALIASES[head] + ('.' + rest if rest else '')
            head = raw.split('.')[0]
        if head in PACKAGES:
            return raw
        if '.' not in raw and hasattr(builtins, raw):
            return raw
        candidates = []
        member_like = '.' not in raw and not raw[:1].isupper()
        owners = ([owner_paths[0].rsplit('.', 1)[0]] if owner_paths else []) + (
            [ctx.api.best_path(ctx.owner)] if ctx.owner else [])
        for owner in owners:
            # `Series.view` said inside Series: the class is named once.
            if owner.rsplit('.', 1)[-1] == head and rest:
                candidates.append(f'{owner}.{rest}')
            candidates.append(f'{owner}.{raw}')
        if member_like and candidates and (owner_paths or ctx.owner):
            return candidates[0]  # an attribute of the same class (often set in fit: not in the class body)
        candidates += [f'{ctx.module}.{raw}', f'{self.package}.{raw}']
        for c in candidates:
            if self.exists(c, ctx.api):
                return c
        leaf_paths = sorted(self.by_leaf.get(raw.rsplit('.', 1)[-1], []), key=lambda p: (p.count('.'), len(p)))
        leaf_paths = [p for p in leaf_paths if p.endswith('.' + raw)]
        if leaf_paths and (len(leaf_paths) == 1 or leaf_paths[0].count('.') < leaf_paths[1].count('.')):
            return leaf_paths[0]
        return candidates[0] if candidates else None


def trim(message):
    message = ' '.join(str(message).split())
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + '…'


def _arg(site, index, name):
    args, kwargs = site.get('args', []), site.get('kwargs', {})
    value = kwargs.get(name, args[index] if len(args) > index else None)
    return value if isinstance(value, str) else None


def _expr(site, index, name):
    args, kwargs = site.get('args', []), site.get('kwargs', {})
    value = kwargs.get(name, args[index] if len(args) > index else None)
    if isinstance(value, dict) and 'expr' in value:
        return value['expr']
    return value if isinstance(value, str) else None


class Interpreter:
    def __init__(self, dist, package, version, api, qualify, tables):
        self.dist, self.package, self.version = dist, package, version
        self.api, self.qualify = api, qualify
        self.legacy = {t['name']: t['value'] for t in tables if isinstance(t['value'], dict) and 'conversions' in t['value']}
        self.facts = []

    def add(self, kind, old, site, message=None, **fields):
        if not old or '{' in old or not is_public(old.split('.', 1)[-1] if '.' in old else old):
            return
        if kind not in NAME_KINDS and not fields.get('param'):
            return
        fact = {'library': self.dist, 'kind': kind, 'old': old, 'deprecatedIn': self.version,
                'source': f"{self.dist} {self.version} {site['file']}:{site['line']}",
                'origin': 'warning' if site.get('helper') == 'warn' else 'helper'}
        for key, value in fields.items():
            if value:
                fact[key] = value
        if fact.get('new') == old:
            del fact['new']
        if message:
            fact['message'] = trim(message)
        self.facts.append(fact)

    # -- per site ------------------------------------------------------------------------
    def site(self, site):
        ctx = Context(site, self.api)
        h = site['helper']
        if h == 'warn':
            if not (DEPRECATION_CATEGORY.search(site.get('category') or '') or CHANGE_WORDS.search(site['message'])):
                return  # `Attempting to use scipy.linalg.eigh instead`: a fallback, not a deprecation
            return self.message(site, ctx, site['message'])
        if h in ('deprecate_kwarg', '_deprecate_kwarg', 'rename_parameter', '_rename_parameter'):
            first = 1 if h.endswith('rename_parameter') else 0
            old_arg = _arg(site, first, 'old_arg_name') or _arg(site, first, 'old')
            new_arg = _arg(site, first + 1, 'new_arg_name') or _arg(site, first + 1, 'new')
            for old in ctx.user_paths(ctx.callable):
                kind = 'keyword-renamed' if new_arg else 'keyword-removed'
                self.add(kind, old, site, self._helper_message(site, old_arg, new_arg), param=old_arg, newParam=new_arg)
            return
        if h == 'delete_parameter':
            name = _arg(site, 1, 'name')
            for old in ctx.user_paths(ctx.callable):
                self.add('keyword-removed', old, site, self._helper_message(site, name, None), param=name)
            return
        if h == 'make_keyword_only':
            name = _arg(site, 1, 'name')
            names = ctx.param_names
            if name in names and names.index(name) > 0:
                for old in ctx.user_paths(ctx.callable):
                    self.add('positional-to-keyword', old, site, f'Passing {name} and later parameters positionally is deprecated', param=names[names.index(name) - 1])
            return
        if h == 'deprecate_nonkeyword_arguments':
            allowed = site.get('kwargs', {}).get('allowed_args')
            if isinstance(allowed, list):
                allowed = [a for a in allowed if a not in ('self', 'cls')]
                if allowed:
                    for old in ctx.user_paths(ctx.callable):
                        self.add('positional-to-keyword', old, site, f"Arguments after '{allowed[-1]}' become keyword-only", param=allowed[-1])
            return
        if h == 'deprecate_option':
            key = _arg(site, 0, 'key')
            rkey = _arg(site, 3, 'rkey') if not site.get('kwargs', {}).get('rkey') is None else None
            msg = site.get('kwargs', {}).get('msg')
            if key:
                kind = 'option-renamed' if rkey else 'option-removed'
                self.add(kind, self.package, site, msg if isinstance(msg, str) else None, param=key, newParam=rkey)
            return
        if h == '_sub_module_deprecation':
            sub, mod = _arg(site, 0, 'sub_package'), _arg(site, 1, 'module')
            if sub and mod:
                self.add('module-moved', f'{self.package}.{sub}.{mod}', site,
                         f'{self.package}.{sub}.{mod} is deprecated; import from {self.package}.{sub}', new=f'{self.package}.{sub}')
            return
        if h in ('warn_deprecated', '_warn_deprecated'):
            return self._warn_deprecated(site, ctx)
        if h.startswith('legacy_') and h in self.legacy:
            return self._legacy(site, ctx, self.legacy[h])
        if h in ('deprecated', '_deprecated', 'deprecate', 'deprecate_with_doc', 'deprecation', '_deprecate_method'):
            return self._deprecated(site, ctx)

    def _helper_message(self, site, old, new):
        kw = site.get('kwargs', {})
        text = kw.get('message') or kw.get('msg') or kw.get('addendum')
        if isinstance(text, str):
            return text
        return f"the '{old}' keyword is deprecated" + (f", use '{new}' instead" if new else '')

    def _warn_deprecated(self, site, ctx):
        kw = site.get('kwargs', {})
        name, alternative, message = kw.get('name'), kw.get('alternative'), kw.get('message')
        obj_type = kw.get('obj_type') or ''
        text = message if isinstance(message, str) else None
        if isinstance(obj_type, str) and ('parameter' in obj_type or 'argument' in obj_type) and isinstance(name, str):
            for old in ctx.user_paths(ctx.callable):
                self.add('keyword-removed', old, site, text or f'the {name!r} parameter is deprecated', param=name.strip("'\""))
            return
        if isinstance(text, str) and not isinstance(name, str):
            return self.message(site, ctx, text, alternative if isinstance(alternative, str) else None)
        olds = [self.qualify(name, ctx)] if isinstance(name, str) else ctx.user_paths(ctx.callable)
        new = self.qualify(alternative, ctx) if isinstance(alternative, str) else None
        for old in olds:
            if not old:
                continue
            self.add('attribute-renamed' if new else 'attribute-removed', old, site,
                     text or (f'{old.rsplit(".", 1)[-1]} is deprecated' + (f'; use {alternative} instead' if new else '')), new=new)

    def _deprecated(self, site, ctx):
        kw = site.get('kwargs', {})
        args = site.get('args', [])
        alternative = kw.get('alternative') if isinstance(kw.get('alternative'), str) else None
        text = next((t for t in (kw.get('message'), kw.get('extra'), kw.get('msg'), kw.get('addendum')) if isinstance(t, str)), None)
        if site.get('decorates') or site.get('bare'):
            if text is None and args and isinstance(args[0], str) and not re.fullmatch(r'[\d\.]+', args[0]):
                text = args[0]
            olds = ctx.user_paths(ctx.callable)
            parsed = msgparse.parse(text or '')
            new = self.qualify(alternative or parsed['new'], ctx, olds)
            for old in olds:
                message = text or (f'{old.rsplit(".", 1)[-1]} is deprecated' + (f'; use {alternative} instead' if alternative else ''))
                self.add(self._name_kind(old, new), old, site, message, new=new)
            return
        # pandas `x = deprecate('x', alternative, version)` / numpy `deprecate(func, 'old', 'new')`.
        if len(args) >= 2 and isinstance(args[0], str) and not re.fullmatch(r'[\d\.]+', args[0]):
            base = ctx.api.best_path(ctx.owner) if ctx.owner else ctx.module
            old = f'{base}.{args[0]}'
            alt = kw.get('alt_name') if isinstance(kw.get('alt_name'), str) else _expr(site, 1, 'alternative')
            new = self.qualify(alt, ctx, [old]) if alt else None
            self.add(self._name_kind(old, new), old, site, text or f'{args[0]} is deprecated, use {alt} instead', new=new)
        elif len(args) >= 3 and isinstance(args[1], str) and isinstance(args[2], str):
            old = self.qualify(args[1], ctx)
            new = self.qualify(args[2], ctx)
            self.add(self._name_kind(old, new), old, site, text or f'{args[1]} is deprecated, use {args[2]} instead', new=new)
        elif ctx.assign_target and ctx.owner:
            old = f'{ctx.api.best_path(ctx.owner)}.{ctx.assign_target}'
            new = self.qualify(alternative, ctx, [old]) if alternative else None
            self.add(self._name_kind(old, new), old, site, text or f'{ctx.assign_target} is deprecated', new=new)

    def _legacy(self, site, ctx, table):
        for old_arg, new_arg in table.get('conversions', []):
            for old in ctx.user_paths(ctx.callable):
                self.add('keyword-renamed' if new_arg else 'keyword-removed', old, site,
                         f"Update your `{old.rsplit('.', 1)[-1]}` call to the Keras 2 API: `{old_arg}` is now `{new_arg}`",
                         param=old_arg, newParam=new_arg)

    @staticmethod
    def _same_nature(old, new):
        """A method replaced by a class (`transform` -> `SelectFromModel`) is advice, not a rename."""
        if not old or not new:
            return new
        a, b = old.rsplit('.', 1)[-1], new.rsplit('.', 1)[-1]
        if a[:1].islower() and b[:1].isupper() and old.count('.') >= 2 and old.rsplit('.', 2)[-2][:1].isupper():
            return None
        return new

    @staticmethod
    def _name_kind(old, new):
        if not new:
            return 'attribute-removed'
        return 'attribute-renamed'

    # -- free-text messages ----------------------------------------------------------------
    def message(self, site, ctx, text, alternative=None):
        parsed = msgparse.parse(text)
        params = ctx.param_names
        olds = ctx.user_paths(ctx.callable) if ctx.callable else []
        olds = [o for o in olds if is_public(o)]
        # param='new value' examples: a renamed value of a keyword.
        for param, new_value in parsed['assignments']:
            if param in params and new_value.startswith(("'", '"')):
                new_value = repr(new_value[1:-1])
                old_values = [v for v in msgparse.quoted_values(text) if repr(v) != new_value and v not in params]
                if old_values:
                    for old in olds:
                        self.add('value-renamed', old, site, text, param=param, value=repr(old_values[0]), newValue=new_value)
                    return
        quoted = set(msgparse.quoted_values(text)) | set(re.findall(r'`+(\w+)`+', text))
        keywords = [k for k in parsed['keywords'] if k in params or (ctx.takes_kwargs and k in quoted)]
        keywords += [q for q in msgparse.quoted_values(text) if q in params and q not in keywords]
        if keywords and olds and not parsed['subject']:
            old_arg = keywords[0]
            new_arg = parsed['new'] if parsed['new'] in params and parsed['new'] != old_arg else None
            if not new_arg:
                new_arg = next((k for k in parsed['keywords'][1:] if k in params and k != old_arg and not parsed['via']), None)
            if not new_arg and re.search(r'\bbehaviou?r\b|\bdefault\b|will change|silently', text, re.I) and not re.search(r'(?:keyword|argument|parameter)\W+(?:\w+\W+){0,3}(?:is|was|has been) (?:deprecated|removed)', text, re.I):
                return  # `the default of numeric_only will change`: a behaviour change, not a removed keyword
            if old_arg in params or new_arg or ctx.takes_kwargs:
                for old in olds:
                    self.add('keyword-renamed' if new_arg else 'keyword-removed', old, site, text, param=old_arg, newParam=new_arg)
                return
        if not ctx.callable and not ctx.owner and (parsed['module'] or parsed['subject'] is None):
            new = self.qualify(parsed['new'], ctx) if parsed['new'] else None
            if new and not self.qualify.exists(new, ctx.api) and new.split('.')[0] == self.package:
                new = parsed['new']  # another distribution's module: `import from traitlets.config instead`
            if new and new.split('.')[0] == self.package and new.count('.') == 0 and f'{self.package}.{parsed["new"]}' in self.qualify.latest.modules:
                new = f'{self.package}.{parsed["new"]}'
            if parsed['module'] or new:
                self.add('module-moved', ctx.module, site, text, new=new)
            return
        if parsed['newNeedsArguments'] and not alternative:
            parsed['new'] = None
        subject = parsed['subject']
        if not subject and not (alternative or parsed['new']) and not self._says_removal(text, olds):
            return
        if subject:
            olds = [self.qualify(subject, ctx, olds)] if subject.lstrip('.') != (ctx.callable or '').rsplit('.', 1)[-1] or not olds else olds
        new = self.qualify(alternative or parsed['new'], ctx, olds)
        for old in olds:
            if old:
                same = self._same_nature(old, new)
                self.add(self._name_kind(old, same), old, site, text, new=same)

    @staticmethod
    def _says_removal(text, olds):
        """A warning with no replacement is a removal only if it names the thing and is not about behaviour."""
        leafs = {o.rsplit('.', 1)[-1] for o in olds}
        if not any(re.search(r'(?<![\w.])' + re.escape(leaf) + r'\b', text) for leaf in leafs):
            return False
        return not BEHAVIOUR.search(text)

    # -- shipped tables ------------------------------------------------------------------
    def table(self, table):
        name, value = table['name'], table['value']
        module = table['file'][:-3].replace('/', '.').replace('.__init__', '')
        if module.endswith('_expired_attrs_2_0') or not is_public(module):
            module = self.package
        site = {'file': table['file'], 'line': table['line'], 'helper': 'table'}
        if name in ('__expired_functions__', '__former_attrs__', '__expired_attributes__', '__deprecated_attrs__') and isinstance(value, dict):
            ctx = Context({'module': module, 'scope': []}, self.api)
            for attr, entry in sorted(value.items()):
                text = entry[-1] if isinstance(entry, list) and entry else entry
                if not isinstance(text, str):
                    continue
                parsed = msgparse.parse(text)
                new = self.qualify(parsed['new'], ctx) if parsed['new'] else None
                # Only __deprecated_attrs__ lists names that still work (and warn); the others are gone.
                when = {} if name == '__deprecated_attrs__' else {'removedIn': self.version}
                self.add(self._name_kind(None, new), f'{module}.{attr}', site, text, new=new, **when)
                if when:
                    self.facts[-1].pop('deprecatedIn', None)
        elif name == '_deprecated_map' and isinstance(value, dict):
            for key, entry in sorted(value.items()):
                alt = entry[1] if isinstance(entry, list) and len(entry) > 1 and isinstance(entry[1], str) else None
                self.add('option-renamed' if alt else 'option-removed', self.package, site,
                         f'rcParams[{key!r}] is deprecated' + (f'; use {alt!r}' if alt else ''), param=key, newParam=alt)
        elif name in ('_deprecated_ignore_map', '_deprecated_remain_as_none', '_obsolete_set'):
            keys = value if isinstance(value, list) else sorted(value)
            for key in keys:
                self.add('option-removed', self.package, site, f'rcParams[{key!r}] is deprecated and has no effect', param=key)
        for fact in self.facts:
            if fact['source'].endswith(f"{table['file']}:{table['line']}"):
                fact['origin'] = 'table'
