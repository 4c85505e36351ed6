"""Read one release archive (wheel or sdist) with `ast`, never importing it.

Produces, per release:
- `modules`: for each module, what it defines (classes with their methods, functions,
  their parameters, module-level names) and what it imports, so that the builder can
  tell the public path a user imports (`pandas.DataFrame`) from the defining one
  (`pandas.core.frame.DataFrame`);
- `deprecations`: every deprecation call site (warnings and the library's own helpers),
  with its message rendered to text, its enclosing scope and file:line;
- `tables`: the literal rename / expiry dicts a library ships (NumPy's expired attributes,
  Matplotlib's deprecated rcParams, old Keras' legacy keyword conversions).
"""
import ast
import io
import os
import re
import tarfile
import zipfile

SKIP_SEGMENTS = {'tests', 'test', 'testing', 'benchmarks', 'conftest', 'setup', '_vendor', 'vendored'}

WARN_CALLS = {'warn', 'warn_explicit', '_log_warning', 'warn_external', '_warn_external'}
DEPRECATION_CATEGORY = re.compile(r'Deprecat|FutureWarning|ShimWarning|mplDeprecation', re.I)
DEPRECATION_TEXT = re.compile(
    r'deprecat|will be removed|has been removed|was removed|is removed|renamed|'
    r'no longer supported|use .{1,80} instead|in favou?r of', re.I)
HELPERS = {
    'deprecated', 'deprecate', '_deprecated', 'deprecate_kwarg', 'deprecate_nonkeyword_arguments',
    'rename_parameter', 'delete_parameter', 'make_keyword_only', 'warn_deprecated',
    '_warn_deprecated', 'deprecate_option', 'deprecate_with_doc', 'deprecate_privatize_attribute',
    'deprecate_method_override', '_deprecate_method', '_rename_parameter', '_deprecate_kwarg',
    '_sub_module_deprecation', 'deprecation',
}
TABLE_NAMES = {
    '__expired_functions__', '__deprecated_attrs__', '__former_attrs__', '__expired_attributes__',
    '_deprecated_map', '_deprecated_ignore_map', '_deprecated_remain_as_none', '_obsolete_set',
    '__future_scalars__',
}


def read_sources(archive, package):
    """Yield (relative path inside the package root, source text) for the package's .py files."""
    if archive.endswith('.whl') or archive.endswith('.zip'):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                rel = _package_relative(name, package, strip_first=False)
                if rel:
                    yield rel, z.read(name).decode('utf-8', 'replace')
    else:
        with tarfile.open(archive) as t:
            for m in t.getmembers():
                rel = _package_relative(m.name, package, strip_first=True) if m.isfile() else None
                if rel:
                    yield rel, t.extractfile(m).read().decode('utf-8', 'replace')


def _package_relative(name, package, strip_first):
    parts = name.split('/')
    if strip_first:
        parts = parts[1:]
    if parts and parts[0] in ('src', 'python-package', 'lib'):
        parts = parts[1:]
    if not parts or parts[0] != package or not parts[-1].endswith('.py'):
        return None
    if any(p in SKIP_SEGMENTS or p.startswith('test_') for p in parts[:-1] + [parts[-1][:-3]]):
        return None
    # Vendored copies inside `externals/` (old sklearn's joblib): only their package root.
    if 'externals' in parts and parts.index('externals') < len(parts) - 3:
        return None
    return '/'.join(parts)


def module_name(rel):
    mod = rel[:-3].replace('/', '.')
    return mod[: -len('.__init__')] if mod.endswith('.__init__') else mod


def params_of(fn):
    a = fn.args
    out = [[p.arg, 'o'] for p in getattr(a, 'posonlyargs', [])]
    out += [[p.arg, 'p'] for p in a.args]
    if a.vararg:
        out.append([a.vararg.arg, 'v'])
    out += [[p.arg, 'k'] for p in a.kwonlyargs]
    if a.kwarg:
        out.append([a.kwarg.arg, 'w'])
    return out


def _resolve_from(module, is_package, node):
    if not node.level:
        return node.module or ''
    base = module.split('.')
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return '.'.join(base + ([node.module] if node.module else []))


def _module_body(tree):
    """Statements at module level, looking into if/try blocks (both branches)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop(0)
        if isinstance(node, ast.If):
            stack[:0] = node.body + node.orelse
        elif isinstance(node, ast.Try) or type(node).__name__ == 'TryStar':
            stack[:0] = node.body + node.orelse + [s for h in node.handlers for s in h.body]
        else:
            yield node


def _literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def _class_info(node):
    members = {}
    init_params = None
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decos = {_callee(d) for d in item.decorator_list}
            kind = 'prop' if decos & {'property', 'cached_property', 'cache_readonly'} else 'func'
            params = params_of(item)
            if kind == 'func' and not decos & {'staticmethod'}:
                params = params[1:]
            if item.name == '__init__':
                init_params = params
            if kind == 'prop' and item.name in members:
                continue
            members[item.name] = {'t': kind, 'params': params} if kind == 'func' else {'t': 'prop'}
        elif isinstance(item, ast.Assign):
            for tgt in item.targets:
                if isinstance(tgt, ast.Name):
                    members.setdefault(tgt.id, {'t': 'var'})
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            members.setdefault(item.target.id, {'t': 'var'})
        elif isinstance(item, ast.ClassDef):
            members[item.name] = {'t': 'class'}
    info = {'t': 'class', 'members': members, 'bases': [ast.unparse(b) for b in node.bases]}
    if init_params is not None:
        info['params'] = init_params
    return info


def module_api(module, is_package, tree):
    defs, imports, star, exported = {}, {}, [], None
    for node in _module_body(tree):
        if isinstance(node, ast.ClassDef):
            defs[node.name] = _class_info(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs[node.name] = {'t': 'func', 'params': params_of(node)}
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    imports[a.asname] = [a.name, None]
        elif isinstance(node, ast.ImportFrom):
            src = _resolve_from(module, is_package, node)
            for a in node.names:
                if a.name == '*':
                    star.append(src)
                else:
                    imports[a.asname or a.name] = [src, a.name]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for tgt in targets:
                if isinstance(tgt, ast.Name):
                    if tgt.id == '__all__':
                        value = _literal(node.value)
                        if isinstance(value, (list, tuple)):
                            exported = [str(v) for v in value]
                    elif isinstance(node.value, (ast.Name, ast.Attribute)) and tgt.id not in defs:
                        # `DataFrame.ix = ...` no; `as_matrix = values` style aliases yes.
                        defs[tgt.id] = {'t': 'alias', 'of': ast.unparse(node.value)}
                    else:
                        defs.setdefault(tgt.id, {'t': 'var'})
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == '__all__':
            value = _literal(node.value)
            if isinstance(value, (list, tuple)) and exported is not None:
                exported += [str(v) for v in value]
    out = {'defs': defs, 'imports': imports}
    if star:
        out['star'] = star
    if exported is not None:
        out['all'] = exported
    return out


def _callee(node):
    """Last name of what is called or used as decorator: `_api.deprecated(...)` -> deprecated."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ''


class _Renderer:
    """Turns a message expression into text; unknown parts become `{expr}`."""

    def __init__(self, strings):
        self.strings = strings

    def __call__(self, node):
        if node is None:
            return None
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append(str(v.value))
                elif isinstance(v, ast.FormattedValue):
                    inner = self.strings.get(ast.unparse(v.value)) if isinstance(v.value, ast.Name) else None
                    parts.append(inner if inner is not None else '{' + ast.unparse(v.value) + '}')
            return ''.join(parts)
        if isinstance(node, ast.BinOp):
            left, right = self(node.left), self(node.right)
            if isinstance(node.op, ast.Add):
                return (left or '{…}') + (right or '{…}') if (left or right) else None
            if isinstance(node.op, ast.Mod):
                return left
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ('format', 'strip', 'replace', 'dedent'):
            return self(node.func.value)
        if isinstance(node, ast.Call) and _callee(node) in ('dedent', 'cleandoc', 'str', '_') and node.args:
            return self(node.args[0])
        if isinstance(node, ast.Name):
            return self.strings.get(node.id)
        return None


def _local_strings(fn_body, renderer_strings):
    """Simple `msg = "..."` / `msg += "..."` assignments of a scope, last one wins."""
    strings = dict(renderer_strings)
    render = _Renderer(strings)
    for node in ast.walk(ast.Module(body=list(fn_body), type_ignores=[])):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = render(node.value)
            if text:
                strings[node.targets[0].id] = text
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and isinstance(node.op, ast.Add):
            text = render(node.value)
            if text and node.target.id in strings:
                strings[node.target.id] += text
    return strings


def _arg_text(node, render):
    text = render(node)
    if text is not None:
        return text
    value = _literal(node)
    if value is not None:
        return value
    return {'expr': ast.unparse(node)} if node is not None else None


class _Visitor(ast.NodeVisitor):
    def __init__(self, module, rel, module_strings):
        self.module, self.rel = module, rel
        self.scope = []  # [('class'|'def', name, params)]
        self.strings = [module_strings]
        self.found = []
        self.tables = []
        self.target = None  # name assigned by the statement being visited

    def _render(self):
        return _Renderer(self.strings[-1])

    def visit_ClassDef(self, node):
        self._decorators(node, 'class')
        self.scope.append(('class', node.name, None))
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node):
        self._decorators(node, 'def')
        self.scope.append(('def', node.name, params_of(node)))
        self.strings.append(_local_strings(node.body, self.strings[0]))
        for child in node.body:
            self.visit(child)
        self.strings.pop()
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node):
        if len(self.scope) <= 1 and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in TABLE_NAMES or (self.rel.endswith('interfaces.py') and isinstance(node.value, ast.Call)):
                self._table(name, node.value, node.lineno)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            self.target = node.targets[0].id
        self.generic_visit(node)
        self.target = None

    def _table(self, name, value, line):
        literal = _literal(value)
        if literal is None and isinstance(value, ast.Dict):
            render = self._render()
            literal = {}
            for k, v in zip(value.keys, value.values):
                key = _literal(k) if k is not None else None
                if isinstance(key, str):
                    val = _literal(v)
                    if val is None:
                        val = render(v) if not isinstance(v, ast.Tuple) else [_arg_text(e, render) for e in v.elts]
                    literal[key] = val
        if literal is None and isinstance(value, ast.Call) and _callee(value) == 'generate_legacy_interface':
            literal = {'conversions': _literal(_kw(value, 'conversions')) or [],
                       'value_conversions': _literal(_kw(value, 'value_conversions')) or {}}
        if literal is None:
            return
        if isinstance(literal, (set, frozenset, tuple)):
            literal = sorted(str(x) for x in literal)
        self.tables.append({'name': name, 'value': _jsonable(literal), 'file': self.rel, 'line': line,
                            'scope': [s[1] for s in self.scope]})

    def _decorators(self, node, what):
        for d in node.decorator_list:
            name = _callee(d)
            if name in HELPERS or name.startswith('legacy_') and name.endswith('_support'):
                self._record(d if isinstance(d, ast.Call) else None, name, node.lineno,
                             decorates=(what, node.name, params_of(node) if what == 'def' else None),
                             bare=not isinstance(d, ast.Call))

    def visit_Call(self, node):
        name = _callee(node)
        if name in WARN_CALLS:
            render = self._render()
            msg = render(node.args[0]) if node.args else render(_kw(node, 'message'))
            cat_node = node.args[1] if len(node.args) > 1 else _kw(node, 'category')
            category = ast.unparse(cat_node) if cat_node is not None else ''
            if msg and (DEPRECATION_CATEGORY.search(category) or DEPRECATION_TEXT.search(msg)):
                self.found.append(self._site(node.lineno, 'warn', {'message': msg, 'category': category}))
        elif name in HELPERS:
            self._record(node, name, node.lineno)
        self.generic_visit(node)

    def _record(self, call, name, line, decorates=None, bare=False):
        render = self._render()
        args = [_arg_text(a, render) for a in call.args] if call is not None else []
        kwargs = {k.arg: _arg_text(k.value, render) for k in call.keywords if k.arg} if call is not None else {}
        site = self._site(line, name, {'args': args, 'kwargs': kwargs})
        if bare:
            site['bare'] = True
        if self.target and not decorates:
            site['target'] = self.target
        if decorates:
            site['decorates'] = {'what': decorates[0], 'name': decorates[1], 'params': decorates[2]}
        self.found.append(site)

    def _site(self, line, helper, data):
        site = {'helper': helper, 'file': self.rel, 'line': line, 'module': self.module,
                'scope': [[k, n] for k, n, _ in self.scope]}
        fn = next((s for s in reversed(self.scope) if s[0] == 'def'), None)
        if fn:
            site['params'] = [p for p, _ in fn[2]]
        site.update(data)
        return site


def _kw(call, name):
    return next((k.value for k in call.keywords if k.arg == name), None)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


class _Unknown:
    pass


UNKNOWN = _Unknown()


class TableEvaluator:
    """Evaluates the few statements NumPy builds its expiry tables with, in source order:
    string constants, `.format(...)`, lists/tuples/dicts, dict comprehensions, `T[k] = v`,
    `T.update(...)`.  Anything else is UNKNOWN; nothing is executed."""

    def __init__(self):
        self.env = {}

    def run(self, tree):
        for node in _module_body(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    self.env[target.id] = self.eval(node.value)
                elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    table, key = self.env.get(target.value.id), self.eval(target.slice)
                    if isinstance(table, dict) and isinstance(key, str):
                        table[key] = self.eval(node.value)
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                call = node.value
                if (isinstance(call.func, ast.Attribute) and call.func.attr == 'update'
                        and isinstance(call.func.value, ast.Name) and call.args):
                    table, more = self.env.get(call.func.value.id), self.eval(call.args[0])
                    if isinstance(table, dict) and isinstance(more, dict):
                        table.update(more)
        return {k: v for k, v in self.env.items() if k in TABLE_NAMES and isinstance(v, dict)}

    def eval(self, node, local=None):
        local = local or {}
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return local.get(node.id, self.env.get(node.id, UNKNOWN))
        if isinstance(node, (ast.Tuple, ast.List)):
            return [self.eval(e, local) for e in node.elts]
        if isinstance(node, ast.Dict):
            out = {}
            for k, v in zip(node.keys, node.values):
                key = self.eval(k, local) if k is not None else UNKNOWN
                if isinstance(key, str):
                    out[key] = self.eval(v, local)
            return out
        if isinstance(node, ast.DictComp) and len(node.generators) == 1:
            gen = node.generators[0]
            items = self.eval(gen.iter, local)
            if not isinstance(items, list):
                return UNKNOWN
            out = {}
            for item in items:
                scope = dict(local)
                if isinstance(gen.target, ast.Name):
                    scope[gen.target.id] = item
                elif isinstance(gen.target, ast.Tuple) and isinstance(item, list) and len(item) == len(gen.target.elts):
                    for t, v in zip(gen.target.elts, item):
                        if isinstance(t, ast.Name):
                            scope[t.id] = v
                key = self.eval(node.key, scope)
                if isinstance(key, str):
                    out[key] = self.eval(node.value, scope)
            return out
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'format'):
            template = self.eval(node.func.value, local)
            args = [self.eval(a, local) for a in node.args]
            kwargs = {k.arg: self.eval(k.value, local) for k in node.keywords if k.arg}
            if isinstance(template, str) and all(isinstance(a, str) for a in args + list(kwargs.values())):
                try:
                    return template.format(*args, **kwargs)
                except (IndexError, KeyError, ValueError):
                    return UNKNOWN
        return UNKNOWN


def _unknown_to_none(value):
    if isinstance(value, dict):
        return {k: _unknown_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unknown_to_none(v) for v in value]
    return None if value is UNKNOWN else value


def extract_source(module, rel, source):
    """API, deprecation sites and tables of one module's source."""
    tree = ast.parse(source)
    module_strings = _local_strings([n for n in tree.body if isinstance(n, ast.Assign)], {})
    visitor = _Visitor(module, rel, module_strings)
    visitor.visit(tree)
    tables = visitor.tables
    evaluated = TableEvaluator().run(tree) if any(n in source for n in TABLE_NAMES) else {}
    if evaluated:
        tables = [t for t in tables if t['name'] not in evaluated]
        for name, value in evaluated.items():
            line = next((n.lineno for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name), 0)
            tables.append({'name': name, 'value': _jsonable(_unknown_to_none(value)), 'file': rel, 'line': line,
                           'scope': []})
    return module_api(module, rel.endswith('__init__.py'), tree), visitor.found, tables


def extract_archive(archive, package):
    modules, deprecations, tables, unparsed = {}, [], [], []
    for rel, source in read_sources(archive, package):
        mod = module_name(rel)
        try:
            api, found, tabs = extract_source(mod, rel, source)
        except (SyntaxError, ValueError, RecursionError):
            unparsed.append(rel)
            continue
        modules[mod] = api
        deprecations += found
        tables += tabs
    return {'modules': modules, 'deprecations': deprecations, 'tables': tables, 'unparsed': unparsed}


def find_archive(directory):
    for f in sorted(os.listdir(directory)):
        if f.endswith(('.whl', '.tar.gz', '.zip')):
            return os.path.join(directory, f)
    return None
