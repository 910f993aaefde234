"""What a built page, feed entry or fragment holds that no paper may put there.

The checks read the markup as a browser would (html.parser), independently of the code that
wrote it: a sanitiser's own allow-list is not used to judge its output.
"""

from html.parser import HTMLParser

# Presentation MathML (MathML Core and MathML 3), the only elements a formula may hold.
MATHML_ELEMENTS = frozenset(
    {
        *("math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext"),
        *("mspace", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder"),
        *("munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose"),
        *("merror", "mmultiscripts", "mprescripts", "none", "mlabeledtr", "maligngroup"),
        *("malignmark", "mfenced", "mglyph", "mlongdiv", "mstack", "msgroup", "msline"),
        *("mscarries", "mscarry", "msrow", "maction"),
    }
)
# Attributes no formula may carry, whatever the TeX asked for.
NEVER_IN_MATH = frozenset({"href", "src", "style", "class", "id", "xlink:href", "actiontype"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = frozenset({"iframe", "object", "embed", "frame", "base"})


class PageAudit(HTMLParser):
    """Collects, in `problems`, everything executable or out of place that markup holds.

    Scripts are allowed only as the theme writes them: `allowed_scripts` holds the exact text
    of its inline scripts, `application/ld+json` data must hold no `<`, and a script's `src`
    must be a file of the site itself (no scheme, no host).
    """

    def __init__(self, allowed_scripts: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.problems: list[str] = []
        self._math_depth = 0
        self._script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            target = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and target.startswith(SCRIPT_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in EMBEDDING:
            self.problems.append(f"<{tag}>")
        if tag == "math":
            self._math_depth += 1
        if self._math_depth:
            if tag not in MATHML_ELEMENTS:
                self.problems.append(f"<{tag}> inside <math>")
            if NEVER_IN_MATH & attributes.keys():
                self.problems.append(f"<{tag} {sorted(NEVER_IN_MATH & attributes.keys())}>")
        if tag == "script":
            self._script = (attributes, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "math":
            self._math_depth = max(0, self._math_depth - 1)
        if tag == "script" and self._script is not None:
            attributes, parts = self._script
            self._script = None
            self._judge_script(attributes, "".join(parts))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)

    def _judge_script(self, attributes: dict[str, str | None], text: str) -> None:
        source = attributes.get("src")
        if attributes.get("type") == "application/ld+json":
            if "<" in text:
                self.problems.append("a '<' in JSON-LD data")
        elif source is not None:
            if ":" in source or source.startswith("//") or text.strip():
                self.problems.append(f"<script src={source!r}>")
        elif text not in self.allowed_scripts:
            self.problems.append(f"<script>{text[:80]}</script>")


def audit(html: str, allowed_scripts: frozenset[str] = frozenset()) -> list[str]:
    """The problems of one page or fragment of HTML (none: an empty list)."""
    page = PageAudit(allowed_scripts)
    page.feed(html)
    page.close()
    return page.problems
