"""Read a library's deprecation message into what it says: old name, replacement,
keyword, value.

Only the words the library wrote are used; a message that does not name a replacement
yields none.  Names are returned raw (`np.float64`, `.loc`, `DataFrame.to_numpy()`);
`qualify` in interpret.py makes them full paths.
"""
import re

# A name as written in a message: dotted, maybe with a call's parentheses.
NAME = r"\.?[A-Za-z_][\w\.]*(?:\(\))?"
# Not followed by `=`: `criterion='squared_error'` is a value, read by `assignments`.
QUOTED = r"[`'\"]{0,2}(" + NAME + r")(?![\w\.])[`'\"]{0,2}(?!\s*=)"

REPLACEMENT_PATTERNS = [
    r"\buse\s+(?:the\s+)?(?:new\s+)?(?:function\s+|method\s+|attribute\s+|module\s+|class\s+|keyword\s+|argument\s+|parameter\s+)?" + QUOTED + r"\s*(?:\w+\s+){0,2}instead",
    r"\binstead,?\s+(?:please\s+)?use\s+(?:the\s+)?" + QUOTED,
    r"\b(?:has\s+been\s+|was\s+|been\s+|is\s+)?renamed\s+(?:to\s+|as\s+)?" + QUOTED,
    r"\b(?:has\s+been\s+|was\s+|is\s+)?moved\s+(?:to|into)\s+(?:the\s+)?" + QUOTED,
    r"\bin\s+favou?r\s+of\s+(?:the\s+)?" + QUOTED,
    r"\breplaced\s+(?:by|with)\s+(?:the\s+)?" + QUOTED,
    r"\bplease\s+use\s+(?:the\s+)?" + QUOTED,
    r"\bsuperseded\s+by\s+" + QUOTED,
    r"\balias\s+(?:for|of)\s+(?:the\s+)?(?:builtin\s+)?" + QUOTED,
    r"\buse\s+" + QUOTED + r"\s+by\s+itself",
    r"(?:^|\.\s+|[,;]\s*)use\s+(?:the\s+)?" + QUOTED,
    r"\bswitch\s+to\s+(?:using\s+)?" + QUOTED,
    r"\b(?:still\s+)?available\s+(?:as|at|in|from)\s+" + QUOTED,
]
SUBJECT_PATTERNS = [
    r"^(?:the\s+)?(?:function|method|attribute|class|module|property)?\s*" + QUOTED + r"\s+(?:is|are|was|were|has\s+been|have\s+been|will\s+be)\s+(?:now\s+)?(?:deprecated|removed|renamed|moved)",
    r"^(?:the\s+)?(?:function|method|attribute|class|module|property)\s+" + QUOTED,
    r"^" + QUOTED + r"\s+(?:is|are)\s+(?:a\s+)?deprecated",
    r"^(?:the\s+)?" + QUOTED + r"\s+(?:function|method|attribute|class|module|property)\s+(?:is|was|has\s+been)\s+(?:deprecated|removed)",
]
KEYWORD_WORDS = r"(?:keyword|argument|parameter|kwarg|param|option)s?"
KEYWORD_PATTERNS = [
    r"[`'\"]{1,2}(\w+)[`'\"]{1,2}\s+(?:keyword\s+)?" + KEYWORD_WORDS,
    r"\b" + KEYWORD_WORDS + r"\s+[`'\"]{1,2}(\w+)[`'\"]{1,2}",
    r"\b(?:the\s+)?(\w+)\s+(?:keyword\s+)?(?:keyword|argument|parameter|kwarg)s?\b",
    r"\b" + KEYWORD_WORDS + r"\s+(\w+)\b",
]
ASSIGNMENT = r"(\w+)\s*=\s*('[^']*'|\"[^\"]*\"|True|False|None|[\w\.]+)"
VIA = re.compile(r"\bpass\s+.{1,80}?\s+(?:via|using|to|in)\s+.{1,80}?\s+instead", re.I)
NOT_NAMES = {
    'the', 'a', 'an', 'this', 'that', 'it', 'them', 'these', 'those', 'which', 'instead', 'and', 'or',
    'in', 'of', 'to', 'is', 'be', 'will', 'version', 'future', 'default', 'same', 'other', 'its',
    'keyword', 'argument', 'parameter', 'function', 'method', 'attribute', 'module', 'class', 'name',
    'explicit', 'explicitly', 'appropriate', 'corresponding', 'equivalent', 'new', 'with', 'for',
    'not', 'no', 'any', 'one', 'their', 'your', 'all', 'only', 'either', 'both', 'as', 'rather',
    'Python', 'python', 'pip', 'now', 'was', 'has', 'been', 'removed', 'deprecated', 'directly',
    'type', 'object', 'alias', 'builtin', 'builtins', 'string', 'keywords', 'arguments', 'by',
    'parameters', 'list', 'value', 'values', 'a', 'please', 'we', 'you', 'if', 'when', 'should',
    'can', 'there', 'here', 'release', 'instance', 'instances', 'callable', 'syntax', 'that', 'so',
    'nothing', 'none', 'format', 'data', 'option', 'options', 'NumPy', 'numpy', 'pandas', 'scipy',
    'sklearn', 'matplotlib', 'keras', 'version', 'from', 'import', 'calling', 'using', 'setting',
}
_VERSION = re.compile(r"\b(?:in|since|as\s+of)\s+(?:version\s+|v|pandas\s+|NumPy\s+|numpy\s+|Matplotlib\s+|scikit-learn\s+|release\s+)?(\d+\.\d+(?:\.\d+)?)", re.I)


def clean_name(raw, marked=False):
    """`marked`: written as code (quoted, backticked, `.attr`), so a plain word is a name too."""
    if raw is None:
        return None
    marked = marked or raw.startswith('.')
    name = raw.strip('`\'" ,;:')
    if name.endswith('()'):
        name = name[:-2]
    name = name.rstrip('.')
    if not name or re.fullmatch(r'[\d\.]+', name) or (not marked and '.' not in name.lstrip('.') and name.lstrip('.') in NOT_NAMES):
        return None
    return name


def _first(patterns, text, flags=re.I, spans=None):
    for pattern in patterns:
        for m in re.finditer(pattern, text, flags):
            marked = m.start(1) > 0 and text[m.start(1) - 1] in '`\'"'
            name = clean_name(m.group(1), marked)
            if name:
                if spans is not None:
                    spans.append(m.end(1))
                return name
    return None


def called_with_arguments(text, name):
    """`SGDRegressor(loss='epsilon_insensitive')`: the replacement needs arguments, it is no rename."""
    return bool(name) and bool(re.search(re.escape(name) + r"\((?!\s*\))", text))


IMPORT_INSTEAD = re.compile(r"\bimport\s+" + QUOTED + r"(?:\s+from\s+[`'\"]?([\w\.]+)[`'\"]?)?\s+instead", re.I)


IMPORT_FROM_INSTEAD = re.compile(r"\bimport\s+(?:it\s+|them\s+)?from\s+" + QUOTED + r"\s+instead", re.I)


def replacement(text):
    """The name a message says to use instead, if it says one."""
    m = IMPORT_FROM_INSTEAD.search(text)
    if m and clean_name(m.group(1), True):
        return clean_name(m.group(1), True)
    m = IMPORT_INSTEAD.search(text)
    if m and clean_name(m.group(1), True):
        name = clean_name(m.group(1), True)
        return f'{m.group(2)}.{name}' if m.group(2) else name
    return _first(REPLACEMENT_PATTERNS, text)


def subject(text):
    """The name a message says is deprecated, when it starts by naming it."""
    return _first(SUBJECT_PATTERNS, text.strip())


def keywords(text):
    """Names the message calls keyword/argument/parameter, in order of appearance."""
    found = []
    for pattern in KEYWORD_PATTERNS:
        for m in re.finditer(pattern, text, re.I):
            name = m.group(1)
            if name not in NOT_NAMES and not name.isdigit() and (m.start(1), name) not in found:
                found.append((m.start(1), name))
    return [n for _, n in sorted(found)]


def assignments(text):
    """`param=value` examples in the message, in order: [(param, value source)]."""
    return [(m.group(1), m.group(2)) for m in re.finditer(ASSIGNMENT, text)]


def quoted_values(text):
    return re.findall(r"['\"]([\w\-\. ]+)['\"]", text)


def says_via(text):
    return bool(VIA.search(text))


def version_in(text):
    m = _VERSION.search(text or '')
    return m.group(1) if m else None


def parse(text):
    """Everything the message states, for the interpreter to combine with its context."""
    text = ' '.join((text or '').split())
    new = replacement(text)
    return {
        'subject': subject(text),
        'new': new,
        'newNeedsArguments': called_with_arguments(text, new),
        'keywords': keywords(text),
        'assignments': assignments(text),
        'via': says_via(text),
        'module': bool(re.search(r'\bmodule\b', text, re.I)),
    }
