"""TeX spans (tex.py) as MathML that keeps the TeX as an annotation.

The MathML is written from latex2mathml's tree by safe_mathml, never from latex2mathml's own
markup: whatever the TeX says, a page gets only allowed MathML elements and attributes, and
the text of `\\text{...}` as text.
"""

import re
from collections.abc import Callable
from functools import lru_cache
from html import escape

from latex2mathml.converter import convert_to_element

from .safe_mathml import UnsafeMathML, safe_children
from .tex import TEX_SPAN

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"
# latex2mathml passes an unknown command through as text, such as <mi>\foo</mi>.
_UNKNOWN_COMMAND = re.compile(r">\\[A-Za-z]")


class TexError(ValueError):
    """A formula latex2mathml cannot render."""


# Papers repeat the same small formulas ($\times$, $O(n)$); each is converted once.
@lru_cache(maxsize=4096)
def tex_to_mathml(tex: str, *, block: bool = False) -> str:
    """Return MathML for the TeX `tex`, with `tex` kept as an application/x-tex annotation.

    Raise TexError when the formula cannot be rendered faithfully.
    """
    display = "block" if block else "inline"
    try:
        math = convert_to_element(tex, display=display)
        body = safe_children(math)
    except UnsafeMathML as err:
        raise TexError(str(err)) from None
    except RecursionError:
        raise TexError("nested too deeply") from None
    except Exception as err:  # latex2mathml raises many kinds for bad input
        raise TexError(f"{type(err).__name__}: {err}") from None
    if math.tag != "math" or _UNKNOWN_COMMAND.search(body):
        raise TexError("unknown command or unexpected output")
    start = f'<math xmlns="{MATHML_NAMESPACE}" display="{display}">'
    annotation = f'<annotation encoding="application/x-tex">{escape(tex, quote=False)}</annotation>'
    return f"{start}<semantics><mrow>{body}</mrow>{annotation}</semantics></math>"


OnError = Callable[[str, Exception], object]
"""Told of each formula that cannot be rendered: its TeX and why."""


def render_span(delimiter: str, tex: str, on_error: OnError) -> str:
    """HTML for one TeX span: MathML, or the escaped TeX in `<code>` after `on_error(tex, err)`."""
    try:
        return tex_to_mathml(tex, block=delimiter == "$$")
    except TexError as err:
        on_error(tex, err)
        return f'<code class="tex">{escape(delimiter + tex + delimiter, quote=False)}</code>'


def text_to_html(text: str, on_error: OnError) -> str:
    """Escape plain `text` for HTML, rendering its TeX spans as MathML."""
    parts = []
    position = 0
    for match in TEX_SPAN.finditer(text):
        parts.append(escape(text[position : match.start()], quote=False))
        parts.append(render_span(match.group(1), match.group(2), on_error))
        position = match.end()
    parts.append(escape(text[position:], quote=False))
    return "".join(parts)
