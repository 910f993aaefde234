"""Write latex2mathml's MathML tree as markup made only of allowed elements and attributes.

latex2mathml serialises its tree and then unescapes `&lt;`, `&gt;` and `&amp;`, so the text of
`\\text{<script>}` comes out as a live `<script>`; and `\\href`, `\\style` and `\\class` put
`href`, `style` and `class` on an `<mrow>`. Here the tree itself is written out instead: each
element must be one latex2mathml makes for ordinary math (ALLOWED_ATTRIBUTES), each attribute
one that element may have, with a value of the expected form (a length within
MAX_LENGTH_EM, a colour name, a fixed word), and all text is escaped. The character
references latex2mathml writes into its text (`&#x0211D;`) stay references, so ordinary
formulas come out byte for byte as latex2mathml writes them.
"""

import re
from collections.abc import Callable
from html import escape
from xml.etree.ElementTree import Element

# The largest length a formula may use, in em (spaces, rules, shifts): larger ones could
# cover or push away the text around the formula.
MAX_LENGTH_EM = 20.0
# How many em one unit is, roughly (1em = 10pt, 16px).
_EM_PER_UNIT = {
    **{"": 1.0, "em": 1.0, "ex": 0.5, "mu": 1 / 18, "pt": 0.1, "px": 1 / 16, "pc": 1.2},
    **{"mm": 0.2845, "cm": 2.845, "in": 7.227},
}
_LENGTH = re.compile(r"[+-]?(?P<number>\d{1,6}(?:\.\d{0,6})?|\.\d{1,6})(?P<unit>[a-z]{0,6})")
# mpadded's pseudo-units: a multiple of the content's own size (`\llap`: lspace="-1width").
_PSEUDO_UNITS = frozenset({"width", "height", "depth"})
_NAMED_SPACE = re.compile(r"(?:negative)?(?:very){0,2}(?:thin|medium|thick)mathspace")
_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}")
_CHARACTER_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]{1,6});")

Check = Callable[[str], bool]


def _one_of(*values: str) -> Check:
    allowed = frozenset(values)
    return lambda value: value in allowed


def _matching(pattern: str) -> Check:
    regex = re.compile(pattern)
    return lambda value: regex.fullmatch(value) is not None


def _list_of(check: Check) -> Check:
    """A space-separated list of values that each pass `check` (or no value at all)."""
    return lambda value: all(check(item) for item in value.split(" ") if value)


def _length(value: str, *, pseudo_units: bool = False) -> bool:
    """A length such as `0.167em`, `-3mu` or `2pt`, at most MAX_LENGTH_EM long."""
    if _NAMED_SPACE.fullmatch(value):
        return True
    match = _LENGTH.fullmatch(value)
    if not match:
        return False
    number, unit = float(match["number"]), match["unit"]
    if pseudo_units and unit in _PSEUDO_UNITS:
        return number <= 1
    return unit in _EM_PER_UNIT and number * _EM_PER_UNIT[unit] <= MAX_LENGTH_EM


def _padded_length(value: str) -> bool:
    return _length(value, pseudo_units=True)


_BOOLEAN = _one_of("true", "false")
_COLOUR = _matching(_COLOR.pattern)
_MATHVARIANT = _one_of(
    *("normal", "bold", "italic", "bold-italic", "double-struck", "bold-fraktur", "script"),
    *("bold-script", "fraktur", "sans-serif", "bold-sans-serif", "sans-serif-italic"),
    *("sans-serif-bold-italic", "monospace"),
)
_ALIGN = _one_of("left", "center", "right")
_LINES = _list_of(_one_of("none", "solid", "dashed"))
_NOTATION = _list_of(
    _one_of(
        *("box", "roundedbox", "circle", "left", "right", "top", "bottom", "actuarial"),
        *("updiagonalstrike", "downdiagonalstrike", "verticalstrike", "horizontalstrike"),
        *("madruwb", "longdiv", "radical", "updiagonalarrow", "phasorangle"),
    )
)
_TOKEN = {"mathvariant": _MATHVARIANT}
# The elements latex2mathml makes, each with the attributes it may carry and their checks.
ALLOWED_ATTRIBUTES: dict[str, dict[str, Check]] = {
    "mrow": {"movablelimits": _BOOLEAN},
    "mi": _TOKEN,
    "mn": _TOKEN,
    "mtext": _TOKEN,
    "mo": {
        **_TOKEN,
        **dict.fromkeys(("accent", "fence", "largeop", "movablelimits"), _BOOLEAN),
        **dict.fromkeys(("separator", "stretchy", "symmetric"), _BOOLEAN),
        **dict.fromkeys(("lspace", "rspace", "minsize", "maxsize"), _length),
        "form": _one_of("prefix", "infix", "postfix"),
    },
    "mspace": {
        **dict.fromkeys(("width", "height", "depth"), _length),
        "linebreak": _one_of("auto", "newline", "nobreak", "goodbreak", "badbreak"),
        "mathbackground": _COLOUR,
    },
    "mpadded": {
        **dict.fromkeys(("width", "height", "depth", "lspace", "voffset"), _padded_length),
        "mathbackground": _COLOUR,
    },
    "mstyle": {
        "displaystyle": _BOOLEAN,
        "scriptlevel": _matching(r"[+-]?\d"),
        "mathsize": _length,
        "mathcolor": _COLOUR,
        "mathbackground": _COLOUR,
    },
    "mfrac": {"linethickness": _length},
    "msqrt": {},
    "mroot": {},
    "msub": {},
    "msup": {},
    "msubsup": {},
    "mover": {"accent": _BOOLEAN},
    "munder": {"accentunder": _BOOLEAN},
    "munderover": {"accent": _BOOLEAN, "accentunder": _BOOLEAN},
    "mphantom": {},
    "menclose": {"notation": _NOTATION},
    "mtable": {
        "columnalign": _list_of(_ALIGN),
        "columnlines": _LINES,
        "rowlines": _LINES,
        "columnspacing": _list_of(_length),
        "rowspacing": _list_of(_length),
        "displaystyle": _BOOLEAN,
    },
    "mtr": {"columnalign": _list_of(_ALIGN)},
    "mtd": {"columnalign": _ALIGN},
}


class UnsafeMathML(ValueError):
    """MathML with an element, attribute or value outside the allow-lists."""


def _is_text_character(codepoint: int) -> bool:
    """Whether a character reference stands for a character XML text may hold."""
    return (
        codepoint in (0x9, 0xA, 0xD)
        or 0x20 <= codepoint <= 0xD7FF
        or 0xE000 <= codepoint <= 0xFFFD
        or 0x10000 <= codepoint <= 0x10FFFF
    )


def escaped_text(text: str) -> str:
    """`text` escaped for HTML, keeping the character references latex2mathml writes."""
    parts = []
    position = 0
    for reference in _CHARACTER_REFERENCE.finditer(text):
        if _is_text_character(int(reference[1], 16)):
            parts.append(escape(text[position : reference.start()], quote=False))
            parts.append(reference[0])
            position = reference.end()
    parts.append(escape(text[position:], quote=False))
    return "".join(parts)


def _write(element: Element, parts: list[str]) -> None:
    allowed = ALLOWED_ATTRIBUTES.get(element.tag) if isinstance(element.tag, str) else None
    if allowed is None:
        raise UnsafeMathML(f"element <{str(element.tag)[:40]}> is not allowed")
    parts.append(f"<{element.tag}")
    for name, value in element.attrib.items():
        check = allowed.get(name)
        if check is None or not check(value):
            raise UnsafeMathML(f"{name}={value[:40]!r} on <{element.tag}> is not allowed")
        parts.append(f' {name}="{escape(value)}"')
    # As ElementTree writes it: an element without content is `<mspace ... />`.
    if element.text or len(element):
        parts.append(">")
        if element.text:
            parts.append(escaped_text(element.text))
        for child in element:
            _write(child, parts)
        parts.append(f"</{element.tag}>")
    else:
        parts.append(" />")
    if element.tail:
        parts.append(escaped_text(element.tail))


def safe_children(math: Element) -> str:
    """The markup of what `math` holds, from allowed elements and attributes only.

    Raise UnsafeMathML at the first element or attribute that is not allowed.
    """
    parts = [escaped_text(math.text)] if math.text else []
    for child in math:
        _write(child, parts)
    return "".join(parts)
