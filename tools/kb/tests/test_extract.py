import textwrap

from api import ReleaseApi
from extract import extract_source
from interpret import Interpreter, Qualifier


def _release(files, package='pkg', version='1.0'):
    """Extract inline sources as if they were one release of `package`."""
    modules, sites, tables = {}, [], []
    for rel, source in files.items():
        module = rel[:-3].replace('/', '.').replace('.__init__', '')
        api, found, tabs = extract_source(module, rel, textwrap.dedent(source))
        modules[module] = api
        sites += found
        tables += tabs
    return ReleaseApi(package, modules), sites, tables


def _facts(files, latest_files=None, version='1.0'):
    api, sites, tables = _release(files)
    latest = _release(latest_files)[0] if latest_files else api
    interp = Interpreter('pkg', 'pkg', version, api, Qualifier('pkg', latest), tables)
    for site in sites:
        interp.site(site)
    for table in tables:
        interp.table(table)
    return interp.facts


FRAME = {
    'pkg/__init__.py': 'from pkg.core.frame import DataFrame\n',
    'pkg/core/__init__.py': '',
    'pkg/core/generic.py': '''
        import warnings
        class NDFrame:
            def as_matrix(self, columns=None):
                warnings.warn("Method .as_matrix will be removed in a future version. "
                              "Use .values instead.", FutureWarning, stacklevel=2)
                return self.values
            @property
            def values(self):
                return 1
    ''',
    'pkg/core/frame.py': '''
        from pkg.core.generic import NDFrame
        from pkg.util._decorators import deprecate_kwarg
        class DataFrame(NDFrame):
            @deprecate_kwarg(old_arg_name='cols', new_arg_name='subset')
            def drop_duplicates(self, subset=None, keep='first'):
                pass
            def fillna(self, value=None, method=None):
                if method is not None:
                    msg = f"{type(self).__name__}.fillna with 'method' is deprecated"
                    msg += " and will raise in a future version. Use obj.ffill() or obj.bfill() instead."
                    warnings.warn(msg, FutureWarning)
    ''',
}


def test_the_public_path_follows_imports_and_inheritance():
    api = _release(FRAME)[0]
    assert api.paths['pkg.DataFrame'] == 'pkg.core.frame.DataFrame'
    assert api.paths['pkg.DataFrame.as_matrix'] == 'pkg.core.frame.DataFrame.as_matrix'
    assert api.best_path('pkg.core.frame.DataFrame') == 'pkg.DataFrame'
    assert api.params('pkg.core.frame.DataFrame.drop_duplicates') == [['subset', 'p'], ['keep', 'p']]


def test_a_method_of_a_base_class_is_reported_on_its_public_subclass():
    facts = _facts(FRAME)
    renamed = [f for f in facts if f['kind'] == 'attribute-renamed']
    assert [(f['old'], f['new']) for f in renamed] == [('pkg.DataFrame.as_matrix', 'pkg.DataFrame.values')]
    assert renamed[0]['source'] == 'pkg 1.0 pkg/core/generic.py:5'
    assert renamed[0]['origin'] == 'warning'


def test_deprecate_kwarg_is_a_keyword_rename():
    facts = _facts(FRAME)
    kw = [f for f in facts if f['kind'] == 'keyword-renamed']
    assert [(f['old'], f['param'], f['newParam']) for f in kw] == [('pkg.DataFrame.drop_duplicates', 'cols', 'subset')]
    assert kw[0]['origin'] == 'helper'


def test_a_message_built_in_steps_is_read_whole():
    facts = _facts(FRAME)
    fill = [f for f in facts if f['old'] == 'pkg.DataFrame.fillna']
    assert fill and fill[0]['kind'] == 'keyword-removed' and fill[0]['param'] == 'method'
    assert 'Use obj.ffill() or obj.bfill() instead.' in fill[0]['message']


def test_a_module_shim_that_warns_is_a_moved_module():
    files = {
        'pkg/__init__.py': '',
        'pkg/model_selection.py': 'def train_test_split(*arrays):\n    pass\n',
        'pkg/cross_validation.py': '''
            import warnings
            warnings.warn("This module was deprecated in version 0.18 in favor of the model_selection module "
                          "into which all the refactored classes and functions are moved.", DeprecationWarning)
            def train_test_split(*arrays):
                pass
        ''',
    }
    facts = _facts(files)
    assert [(f['kind'], f['old'], f.get('new')) for f in facts] == [
        ('module-moved', 'pkg.cross_validation', 'pkg.model_selection')]


def test_decorator_helpers_of_matplotlib_and_sklearn():
    files = {
        'pkg/__init__.py': 'from pkg.axes import Axes, old_function, new_function\n',
        'pkg/axes.py': '''
            from pkg import _api
            from pkg.utils import deprecated
            class Axes:
                @_api.rename_parameter("3.3", "s", "text")
                def annotate(self, text, xy):
                    pass
                @_api.delete_parameter("3.3", "ismath")
                def text(self, x, y, s, ismath=None):
                    pass
                @_api.make_keyword_only("3.6", "loc")
                def legend(self, handles, loc=None):
                    pass
            @deprecated("Function old_function is deprecated; use new_function instead.")
            def old_function():
                pass
            def new_function():
                pass
        ''',
    }
    got = sorted((f['kind'], f['old'], f.get('param'), f.get('newParam'), f.get('new')) for f in _facts(files))
    assert got == [
        ('attribute-renamed', 'pkg.old_function', None, None, 'pkg.new_function'),
        ('keyword-removed', 'pkg.Axes.text', 'ismath', None, None),
        ('keyword-renamed', 'pkg.Axes.annotate', 's', 'text', None),
        ('positional-to-keyword', 'pkg.Axes.legend', 'handles', None, None),
    ]


def test_numpy_expired_attribute_tables():
    files = {
        'pkg/__init__.py': '''
            __former_attrs__ = {
                'float': "`np.float` was a deprecated alias for the builtin `float`. To avoid this error in "
                         "existing code, use `float` by itself.",
                'object': "`np.object` was a deprecated alias for the builtin `object`.",
            }
        ''',
        'pkg/_expired_attrs_2_0.py': '''
            __expired_attributes__ = {
                "asfarray": "Use `np.asarray` with a proper dtype instead.",
            }
        ''',
    }
    got = sorted((f['kind'], f['old'], f.get('new'), f['origin']) for f in _facts(files))
    assert got == [
        ('attribute-renamed', 'pkg.asfarray', 'numpy.asarray', 'table'),
        ('attribute-renamed', 'pkg.float', 'float', 'table'),
        ('attribute-renamed', 'pkg.object', 'object', 'table'),
    ]


def test_pandas_options_and_matplotlib_rcparams():
    files = {
        'pkg/__init__.py': '''
            import pkg.config as cf
            cf.deprecate_option("display.height", msg="use display.max_rows", rkey="display.max_rows")
            cf.deprecate_option("display.line_width")
            _deprecated_map = {'axes.color_cycle': ('1.5', 'axes.prop_cycle')}
            _obsolete_set = {'text.dvipnghack'}
        ''',
    }
    got = sorted((f['kind'], f['param'], f.get('newParam')) for f in _facts(files))
    assert got == [
        ('option-removed', 'display.line_width', None),
        ('option-removed', 'text.dvipnghack', None),
        ('option-renamed', 'axes.color_cycle', 'axes.prop_cycle'),
        ('option-renamed', 'display.height', 'display.max_rows'),
    ]


def test_a_replacement_is_qualified_against_todays_api():
    files = {
        'pkg/__init__.py': 'from pkg.misc import imread\n',
        'pkg/misc.py': '''
            import warnings
            def imread(name):
                warnings.warn("imread is deprecated! Use imageio.imread instead.", DeprecationWarning)
        ''',
    }
    facts = _facts(files)
    assert [(f['old'], f.get('new')) for f in facts] == [('pkg.imread', 'pkg.imageio.imread')] or \
        [(f['old'], f.get('new')) for f in facts] == [('pkg.imread', 'imageio.imread')]


def test_a_replacement_that_needs_arguments_or_is_of_another_nature_is_advice():
    files = {
        'pkg/__init__.py': 'from pkg.linear import Model, Other\n',
        'pkg/linear.py': '''
            import warnings
            class Other:
                pass
            class Model:
                def transform(self, X):
                    warnings.warn("Support to use estimators as feature selectors will be removed. "
                                  "Use Other instead.", DeprecationWarning)
                def old_fit(self, X):
                    warnings.warn("old_fit is deprecated. Use Other(loss='hinge').fit instead.", FutureWarning)
                @property
                def n_features_(self):
                    warnings.warn("Attribute `n_features_` was deprecated in version 1.0. Use `n_features_in_` instead",
                                  FutureWarning)
        ''',
    }
    got = sorted((f['kind'], f['old'], f.get('new')) for f in _facts(files))
    assert got == [
        ('attribute-removed', 'pkg.Model.old_fit', None),
        ('attribute-removed', 'pkg.Model.transform', None),
        ('attribute-renamed', 'pkg.Model.n_features_', 'pkg.Model.n_features_in_'),
    ]


def test_numpy_tables_built_with_format_and_a_comprehension():
    files = {
        'pkg/__init__.py': '''
            import builtins as _builtins
            __deprecated_attrs__ = {}
            _msg = ("`np.{n}` is a deprecated alias for the builtin `{n}`. "
                    "To silence this warning, use `{n}` by itself. {extended_msg}")
            _specific_msg = "If you specifically wanted the numpy scalar type, use `np.{}` here."
            _type_info = [("object", ""), ("float", _specific_msg.format("float64"))]
            __deprecated_attrs__.update({
                n: (getattr(_builtins, n), _msg.format(n=n, extended_msg=extended_msg))
                for n, extended_msg in _type_info
            })
            __deprecated_attrs__["typeDict"] = (core.numerictypes.typeDict,
                                                "`np.typeDict` is a deprecated alias for `np.sctypeDict`.")
        ''',
    }
    got = sorted((f['kind'], f['old'], f.get('new')) for f in _facts(files))
    assert got == [
        ('attribute-renamed', 'pkg.float', 'float'),
        ('attribute-renamed', 'pkg.object', 'object'),
        ('attribute-renamed', 'pkg.typeDict', 'numpy.sctypeDict'),
    ]
