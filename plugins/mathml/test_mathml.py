"""Tests of the mathml plugin: TeX spans, MathML with annotations, fallbacks, a real build."""

import logging
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from latex2mathml.converter import convert
from pelican import signals

from paperfeed.mathml import TexError, tex_to_mathml, text_to_html
from paperfeed.render import PaperTextError, render_paper_text
from paperfeed.safe_mathml import ALLOWED_ATTRIBUTES, MAX_LENGTH_EM
from paperfeed.testing import build_site, repository_papers, write_paper
from paperfeed.tex import TEX_SPAN
from paperfeed.yamldoc import YamlProblem, front_matter

TEST_PAPERS = Path(__file__).parents[1] / "paper_reader" / "test_data" / "papers"
# Every element and attribute that may be inside a page's <math>: the allow-list of the
# MathML written from latex2mathml's tree, and the <math>, <semantics> and <annotation> around it.
MATH_ATTRIBUTES = {
    **{tag: set(attributes) for tag, attributes in ALLOWED_ATTRIBUTES.items()},
    "math": {"xmlns", "display"},
    "semantics": set(),
    "annotation": {"encoding"},
}
# What no input may ever put inside a formula, whatever the allow-list says.
NEVER_IN_MATH = {"href", "src", "style", "class", "id"}
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


class PageAudit(HTMLParser):
    """What a page holds that no paper may put there: `problems` says what and where.

    Inside <math> only the allowed elements and attributes; nowhere an `on*` attribute, a
    `javascript:` address or a script of the paper's (the theme's own scripts and its JSON-LD
    data are the only scripts, and the data holds no `<`).
    """

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.math_depth = 0
        self.script: dict | None = None
        self.formulas = 0

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "math":
            self.math_depth += 1
            self.formulas += 1
        if self.math_depth:
            allowed = MATH_ATTRIBUTES.get(tag)
            if allowed is None or not names <= allowed or names & NEVER_IN_MATH:
                self.problems.append(f"<{tag} {sorted(names)}> in <math>")
        if tag == "script":
            self.script = {"type": dict(attrs).get("type"), "src": dict(attrs).get("src", "")}
            self.script["text"] = ""

    def handle_endtag(self, tag):
        if tag == "math":
            self.math_depth -= 1
        if tag == "script" and self.script is not None:
            if self.script["type"] == "application/ld+json":
                if "<" in self.script["text"]:
                    self.problems.append("a < in the JSON-LD")
            elif "alert" in self.script["text"] + self.script["src"]:
                self.problems.append(f"script {self.script}")
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"] += data


def audit(html: str) -> PageAudit:
    """The audit of one page (or fragment) of HTML."""
    page = PageAudit()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("costs $5 and $10 a month", []),
        ("from $5 to $x$", ["x"]),
        ("$a \\$ b$", ["a \\$ b"]),
        ("a $x$ and $$y$$", ["x", "y"]),
        ("$O(n)$-time", ["O(n)"]),
        ("escaped \\$x$ is text", []),
        ("$ x$ is not math", []),
        ("6.01$\\times$ faster", ["\\times"]),
    ],
)
def test_tex_spans_are_told_from_money(text, spans):
    assert [match.group(2) for match in TEX_SPAN.finditer(text)] == spans


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


def test_a_build_renders_titles_and_abstracts_and_names_the_file_of_a_bad_formula(tmp_path, caplog):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    shutil.copy(TEST_PAPERS / "2606.13174.md", papers)
    text = (papers / "2606.13174.md").read_text("utf-8")
    text = text.replace("Getting Better", "Getting $\\\\mathcal{O}(1)$ Better", 1)
    (papers / "2606.13174.md").write_text(text + "\nAnd $\\nope{x}$.\n", "utf-8")

    with caplog.at_level(logging.WARNING):
        output = build_site(
            tmp_path / "content", tmp_path / "output", plugins=["paper_reader", "mathml"]
        )

    html = (output / "papers" / "2606.13174" / "index.html").read_text("utf-8")
    assert '<h1 id="paper-title">Getting <math ' in html
    assert '<span class="math">' not in html
    assert '<code class="tex">$\\nope{x}$</code>' in html
    assert any(
        record.getMessage().startswith("content/papers/2606.13174.md: TeX in the abstract kept")
        for record in caplog.records
    )


@pytest.mark.parametrize("tex", HOSTILE_TEX)
def test_whatever_the_tex_says_a_formula_holds_only_allowed_mathml(tex):
    html = text_to_html(f"${tex}$", lambda tex, err: None)

    assert audit(html).problems == []
    assert "<script" not in html and "<img" not in html


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
        try:
            split = front_matter(path.read_text("utf-8"))
            fields = yaml.load(split.yaml, Loader=yaml.BaseLoader)
        except (YamlProblem, yaml.YAMLError):  # the check's fixtures of broken files
            continue
        title = fields.get("title", "") if isinstance(fields, dict) else ""
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


def test_no_page_of_a_build_holds_markup_from_the_tex_of_a_paper(tmp_path):
    papers = tmp_path / "content" / "papers"
    in_title = [f"\\text{{{script}}}" for script in SCRIPTS] + [HREF, RED_BOX]
    title = "Hostile " + " ".join(f"${tex}$" for tex in in_title)
    write_paper(
        papers, title=title, tags=["cs.CL"], abstract=" ".join(f"${tex}$" for tex in HOSTILE_TEX)
    )

    output = build_site(
        tmp_path / "content", tmp_path / "output", plugins=["paper_reader", "mathml"]
    )

    pages = {path.relative_to(output).as_posix(): path for path in output.rglob("*.html")}
    for shown in ("papers/2606.00001/index.html", "day/2026-06-12/index.html", "index.html"):
        assert audit(pages[shown].read_text("utf-8")).formulas >= 2, shown
    for name, path in pages.items():
        assert audit(path.read_text("utf-8")).problems == [], name


@pytest.mark.parametrize(
    "body",
    ["See [the code](http://[x).", "Literal pfmathspan5x.", "Literal pfmathspan0x next to $x$."],
)
def test_a_paper_the_build_once_dropped_is_on_every_page_feed_and_the_sitemap(tmp_path, body):
    write_paper(tmp_path / "content" / "papers", tags=["cs.CL"], abstract=body)
    site = "https://papers.example.org"

    output = build_site(
        tmp_path / "content",
        tmp_path / "output",
        plugins=["paper_reader", "mathml", "feeds", "site_files"],
        SITEURL=site,
        FEED_DOMAIN=site,
        RELATIVE_URLS=False,
    )

    assert (output / "papers" / "2606.00001" / "index.html").exists()
    for listing in ("index.html", "day/2026-06-12/index.html", "sitemap.xml"):
        assert f"{site}/papers/2606.00001/" in (output / listing).read_text("utf-8"), listing
    for feed in ("all.atom.xml", "all.rss.xml", "all.json", "tag/cs.cl.atom.xml"):
        feed_text = (output / "feeds" / feed).read_text("utf-8")
        assert "https://arxiv.org/abs/2606.00001" in feed_text, feed


def visible_text(html: str) -> str:
    """The text a browser shows for `html`: no tags, no formula annotations."""
    parts: list[str] = []
    in_annotation = []

    class Text(HTMLParser):
        def handle_starttag(self, tag, attrs):
            in_annotation.append(tag == "annotation")

        def handle_endtag(self, tag):
            in_annotation.pop()

        def handle_data(self, data):
            if not any(in_annotation):
                parts.append(data)

    parser = Text()
    parser.feed(html)
    parser.close()
    return "".join(parts)


@pytest.mark.parametrize(
    ("body", "text", "formulas"),
    [
        ("Literal pfmathspan5x stays.", "Literal pfmathspan5x stays.", 0),
        ("Literal pfmathspan0x and $y$.", "Literal pfmathspan0x and y.", 1),
        ("[pfmathspan1x](https://a.b/pfmathspan0x) $y$", "pfmathspan1x y", 1),
    ],
)
def test_text_that_reads_like_a_formula_placeholder_stays_text(body, text, formulas):
    rendered = render_paper_text("A title", body)

    assert visible_text(rendered.content) == text
    assert rendered.content.count("<math ") == formulas
    assert visible_text(rendered.summary) == visible_text(rendered.content)


def test_a_formula_is_one_word_of_the_summary():
    rendered = render_paper_text("A title", "$x + y$ pfmathspan0x b c", summary_words=2)

    assert visible_text(rendered.summary) == "x+y pfmathspan0x …"


def built_papers(tmp_path, content: Path) -> dict[str, object]:
    """The papers of a real build with the reader and this plugin, by file id."""
    papers = {}

    def keep(generator) -> None:
        papers.update((paper.slug, paper) for paper in generator.articles)

    signals.article_generator_finalized.connect(keep)
    build_site(content, tmp_path / "output", plugins=["paper_reader", "mathml"])
    return papers


def test_render_paper_text_renders_title_and_abstract_as_the_build_does(tmp_path):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    for path in TEST_PAPERS.glob("*.md"):
        shutil.copy(path, papers / path.name)
    write_paper(papers, title="Bad $\\nope$ and $x$", abstract="$\\text{<b>}$ pfmathspan0x $y$")

    built = built_papers(tmp_path, tmp_path / "content")

    assert len(built) == 3
    for fileid, paper in built.items():
        split = front_matter((papers / f"{fileid}.md").read_text("utf-8"))
        rendered = render_paper_text(yaml.safe_load(split.yaml)["title"].strip(), split.body)
        assert (rendered.title_html, rendered.title_text) == (paper.title_html, paper.title_text)
        assert (rendered.content, rendered.summary) == (paper._content, paper.summary)
    assert render_paper_text("Bad $\\nope$", "").unrendered[0][:2] == ("title", "\\nope")


def test_render_paper_text_raises_one_error_type(monkeypatch):
    # (The abstract's length is the validation's to refuse: test_paper_reader.py.)
    def fail(*args):
        raise IndexError("list index out of range")

    monkeypatch.setattr("paperfeed.render.truncate_words", fail)
    with pytest.raises(PaperTextError) as error:
        render_paper_text("A title", "An abstract.")
    assert str(error.value) == "the build failed on it (IndexError: list index out of range)"
