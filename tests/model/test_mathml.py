"""TeX to MathML: what latex2mathml writes for ordinary formulas, and nothing else whatever the
TeX says (the sanitiser's allow-list, lengths, colours, depth)."""

import re

import pytest
import yaml
from latex2mathml.converter import convert

from paperfeed.mathml import TexError, tex_to_mathml, text_to_html
from paperfeed.safe_mathml import ALLOWED_ATTRIBUTES, MAX_LENGTH_EM
from paperfeed.testing import audit, repository_papers
from paperfeed.tex import TEX_SPAN
from paperfeed.yamldoc import front_matter

# What a formula's elements may carry: the sanitiser's allow-list, and the <math>,
# <semantics> and <annotation> around it.
MATH_ATTRIBUTES = {
    **{tag: set(attributes) for tag, attributes in ALLOWED_ATTRIBUTES.items()},
    "math": {"xmlns", "display"},
    "semantics": set(),
    "annotation": {"encoding"},
}
# latex2mathml 3.81 passes the text of these commands through unescaped.
TEXT_COMMANDS = (
    *("\\text", "\\textrm", "\\textbf", "\\textit", "\\texttt", "\\textsf", "\\textnormal"),
    *("\\mbox", "\\hbox", "\\fbox", "\\emph", "\\tag"),
)
HREF = "\\href{javascript:alert(1)}{x}"
RED_BOX = "\\style{position:fixed;top:0;left:0;width:100%;height:100%;background:red}{x}"
SCRIPTS = ("<script>alert(1)</script>", '<img/src="x"/onerror="alert(1)">')
HOSTILE_TEX = (
    *(f"{command}{{{script}}}" for command in TEXT_COMMANDS for script in SCRIPTS),
    HREF,
    RED_BOX,
    "\\class{x}{y}",
    "\\verb|<script>alert(1)</script>|",
    "\\unicode{<script>}",
    "\\fcolorbox{red}{blue}{x}",
)


def test_mathml_keeps_the_tex_as_its_annotation():
    mathml = tex_to_mathml("a_i < b")

    assert mathml.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert mathml.endswith(
        '<annotation encoding="application/x-tex">a_i &lt; b</annotation></semantics></math>'
    )
    assert 'display="block"' in tex_to_mathml("x", block=True)


def test_an_unknown_command_is_an_error_not_raw_tex_in_mathml():
    with pytest.raises(TexError):
        tex_to_mathml("\\notacommand{x}")


def test_text_is_escaped_around_the_math_and_a_bad_formula_becomes_code():
    failures = []

    html = text_to_html("<b> $x$ & $\\nope$", lambda tex, err: failures.append(tex))

    assert html.startswith("&lt;b&gt; <math ")
    assert html.endswith(' &amp; <code class="tex">$\\nope$</code>')
    assert failures == ["\\nope"]


@pytest.mark.parametrize("tex", HOSTILE_TEX)
def test_whatever_the_tex_says_a_formula_holds_only_allowed_mathml(tex):
    html = text_to_html(f"${tex}$", lambda tex, err: None)

    assert audit(html) == []
    assert "<script" not in html and "<img" not in html
    formulas = "".join(re.findall(r"<math\b.*?</math>", html, re.DOTALL))
    attributes = {
        (tag, name)
        for tag, written in re.findall(r"<(\w+)([^>]*)>", formulas)
        for name in re.findall(r"([\w:-]+)=", written)
    }
    assert {
        (tag, name) for tag, name in attributes if name not in MATH_ATTRIBUTES.get(tag, ())
    } == set(), "only the attributes the sanitiser allows"


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("command", TEXT_COMMANDS)
def test_the_text_of_a_text_command_is_shown_as_text(command, script):
    mathml = tex_to_mathml(f"{command}{{{script}}}").split("<annotation ")[0]

    assert script.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in mathml


@pytest.mark.parametrize(
    ("tex", "renders"),
    [
        (f"\\hspace{{{MAX_LENGTH_EM:g}em}}", True),
        (f"\\hspace{{-{MAX_LENGTH_EM:g}em}}", True),
        (f"\\hspace{{{MAX_LENGTH_EM + 0.1:g}em}}", False),
        (f"\\mkern-{MAX_LENGTH_EM * 18:g}mu", True),
        (f"\\mkern-{MAX_LENGTH_EM * 18 + 1:g}mu", False),
        ("\\rule{2cm}{0.4pt}", True),
        ("\\rule{10cm}{0.4pt}", False),
        ("\\raise{1ex}{x}", True),
        ("\\hspace{x}", False),
        ("\\llap{x}", True),
        ("\\color{red}{x}", True),
        ("\\textcolor{#ff0000}{x}", True),
        ("\\color{url(javascript:alert(1))}{x}", False),
        ("\\colorbox{red;background:url(x)}{x}", False),
    ],
)
def test_lengths_are_bounded_and_colours_are_colours(tex, renders):
    try:
        tex_to_mathml(tex)
    except TexError:
        assert not renders
    else:
        assert renders


def shipped_formulas() -> list[tuple[str, str]]:
    """(delimiter, TeX) of every formula in the repository's paper files and test papers."""
    formulas = set()
    for path in repository_papers():
        split = front_matter(path.read_text("utf-8"))
        title = yaml.load(split.yaml, Loader=yaml.BaseLoader)["title"]
        formulas.update(match.groups() for match in TEX_SPAN.finditer(f"{title}\n{split.body}"))
    return sorted(formulas)


ORDINARY_FORMULAS = [
    *(("$", tex) for tex in ("a<b", "x > y", "\\mathbb{R}^n", "\\frac{a}{b}", "\\sqrt[3]{x}")),
    *(("$", tex) for tex in ("\\hat{x}", "\\text{if } x \\ge 0", "\\operatorname*{argmax}_x f")),
    *(("$", tex) for tex in ("\\left( x \\middle| y \\right)", "\\boldsymbol{\\alpha}", "\\LaTeX")),
    *(("$", tex) for tex in ("\\color{red}{x}", "\\not\\in", "\\xrightarrow[a]{b}", "\\llap{x}")),
    ("$$", "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}"),
    ("$$", "\\begin{array}{c|l} a & b \\\\ \\hline c & d \\end{array}"),
    ("$$", "\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}"),
]


@pytest.mark.parametrize(("delimiter", "tex"), shipped_formulas() + ORDINARY_FORMULAS)
def test_ordinary_formulas_are_written_as_latex2mathml_writes_them(delimiter, tex):
    display = "block" if delimiter == "$$" else "inline"
    written = convert(tex, display=display)
    start = f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="{display}">'
    assert written.startswith(start) and written.endswith("</math>")
    if re.search(r">\\[A-Za-z]", written):  # an unknown command, written as text
        with pytest.raises(TexError, match="unknown command"):
            tex_to_mathml(tex, block=delimiter == "$$")
        return

    body = tex_to_mathml(tex, block=delimiter == "$$").split("<semantics>", 1)[1]

    assert body.startswith(f"<mrow>{written[len(start) : -len('</math>')]}</mrow><annotation ")


def test_a_formula_nested_too_deeply_is_kept_as_tex():
    with pytest.raises(TexError, match="nested too deeply"):
        tex_to_mathml("{" * 1000 + "x" + "}" * 1000)
