import pytest

import msgparse


@pytest.mark.parametrize('message, new', [
    ('Method .as_matrix will be removed in a future version. Use .values instead.', '.values'),
    ('This module was deprecated in version 0.18 in favor of the model_selection module into which '
     'all the refactored classes and functions are moved.', 'model_selection'),
    ('`np.float` is a deprecated alias for the builtin `float`. To silence this warning, use `float` by itself.', 'float'),
    ('get_value is deprecated and will be removed in a future release. Please use .at[] or .iat[] accessors instead', '.at'),
    ("The 'cols' keyword is deprecated, use 'columns' instead", 'columns'),
    ('Function plot_confusion_matrix is deprecated; Function `plot_confusion_matrix` is deprecated in 1.0 '
     'and will be removed in 1.2. Use one of the class methods: ConfusionMatrixDisplay.from_predictions', None),
    ('pandas.tools.plotting.scatter_matrix is deprecated, import pandas.plotting.scatter_matrix instead',
     'pandas.plotting.scatter_matrix'),
    ('The `fit_generator` method has been renamed to `fit`.', 'fit'),
    ('The `IPython.html` package has been deprecated since IPython 4.0. You should import from `notebook` instead. '
     '`IPython.html.widgets` has moved to `ipywidgets`.', 'notebook'),
    ('Imputer was deprecated in version 0.20 and will be removed in 0.22. Import impute.SimpleImputer from sklearn instead.',
     'sklearn.impute.SimpleImputer'),
    ('sort(columns=....) is deprecated, use sort_values(by=.....)', 'sort_values'),
])
def test_replacement(message, new):
    assert msgparse.parse(message)['new'] == new


def test_a_plain_word_is_not_a_replacement():
    assert msgparse.parse('use a list instead')['new'] is None
    assert msgparse.parse('Please use the appropriate method instead')['new'] is None


def test_subject_is_the_name_the_message_starts_with():
    assert msgparse.parse('`np.float` is a deprecated alias for the builtin `float`.')['subject'] == 'np.float'
    assert msgparse.parse('Method .as_matrix will be removed in a future version.')['subject'] == '.as_matrix'
    assert msgparse.parse('The default of numeric_only will change.')['subject'] is None


def test_keywords_are_read_in_order():
    parsed = msgparse.parse('The `lr` argument is deprecated, use `learning_rate` instead.')
    assert parsed['keywords'][0] == 'lr'
    assert parsed['new'] == 'learning_rate'


def test_pass_via_is_recognised():
    parsed = msgparse.parse("'early_stopping_rounds' argument is deprecated and will be removed in a future release "
                            "of LightGBM. Pass 'early_stopping()' callback via 'callbacks' argument instead.")
    assert parsed['via']
    assert parsed['keywords'][:2] == ['early_stopping_rounds', 'callbacks']


def test_a_value_example_is_an_assignment_not_a_name():
    parsed = msgparse.parse("Criterion 'mse' was deprecated in v1.0 and will be removed in version 1.2. "
                            "Use `criterion='squared_error'` which is equivalent.")
    assert parsed['assignments'] == [('criterion', "'squared_error'")]
    assert parsed['new'] is None
    assert 'mse' in msgparse.quoted_values("Criterion 'mse' was deprecated")


def test_a_dotted_name_starting_with_the_package_is_a_name():
    parsed = msgparse.parse('The frame.append method is deprecated and will be removed from pandas in a future '
                            'version. Use pandas.concat instead.')
    assert parsed['new'] == 'pandas.concat'
    assert parsed['subject'] == 'frame.append'
