"""Paper pages: data and links, math, citation data, BibTeX, long author lists, escaping,
old-style ids."""

import re

from site_helpers import AUTHOR_LINK, LARGE_AUTHORS, LARGE_ID, PREVIEW, REPO_URL, json_ld, meta

from paperfeed.testing import page, visible_text


def test_a_paper_page_shows_all_its_data_and_links(daily_site):
    html = page(daily_site, "papers/2606.13681")

    assert '<h1 id="paper-title">EvoArena: Tracking Memory Evolution for Robust LLM Agents' in html
    assert len(re.findall(AUTHOR_LINK, html)) == 14
    assert '<time datetime="2026-06-12" data-pagefind-meta="listed">12 Jun 2026</time>' in html
    assert '<time datetime="2026-06-11">11 Jun 2026</time>' in html
    assert '<dt>Upvotes</dt><dd data-pagefind-meta="upvotes">118</dd>' in html
    assert "Large language model (LLM) agents have achieved strong performance" in html
    assert re.findall(r'href="\.\./\.\./tag/([^/"]+)/"', html) == ["cs.cl", "cs.ai", "llm-agents"]
    assert "<li>EvoMem</li>" in html
    for link in (
        "https://arxiv.org/abs/2606.13681",
        "https://arxiv.org/pdf/2606.13681",
        "https://huggingface.co/papers/2606.13681",
        "https://github.com/Aiden0526/EvoArena",
        "https://aiden0526.github.io/EvoArena/",
    ):
        assert f'href="{link}"' in html


def test_tex_in_a_title_is_mathml_in_the_heading_and_plain_text_elsewhere(markup_site):
    html = page(markup_site, "papers/2607.01001")

    h1 = re.search(r'<h1 id="paper-title">(.*?)</h1>', html, re.DOTALL).group(1)
    assert h1.startswith("Sparse Attention in <math ")
    assert '<annotation encoding="application/x-tex">\\mathcal{O}(n \\log n)</annotation>' in h1
    assert "<mi>&#x1D4AA;</mi>" in h1, "a script O, not the letters of the command"
    shown = visible_text(h1)
    assert shown.startswith("Sparse Attention in ") and shown.endswith(" Time")
    assert "$" not in shown and "\\" not in shown
    plain = "Sparse Attention in \N{MATHEMATICAL SCRIPT CAPITAL O}(n log n) Time"
    assert f"<title>{plain} \N{EN DASH} paperfeed</title>" in html
    assert meta(html, "citation_title") == meta(html, "og:title") == [plain]
    assert json_ld(html)["headline"] == plain
    assert "\\" not in meta(html, "description")[0], "the abstract's formulas as text"


def own_content(html: str) -> str:
    """A paper page without its Similar papers section, which shows other papers' titles."""
    return re.sub(r'<section aria-labelledby="similar".*?</section>', "", html, flags=re.S)


def test_tex_in_an_abstract_is_mathml_and_dollar_amounts_stay_text(markup_site):
    html = own_content(page(markup_site, "papers/2607.01001"))

    assert html.count("<math ") == 1 + 4
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in html
    assert '<annotation encoding="application/x-tex">a_i &lt; b_j</annotation>' in html
    assert "<p>A training run costs $5 and $10 buys two, so anyone can reproduce it.</p>" in html
    old = page(markup_site, "papers/hep-th0601001")
    assert '<h1 id="paper-title">Strings on a Budget: Training for $5 and $10</h1>' in old


def test_a_formula_that_cannot_be_rendered_stays_visible_as_code(markup_site):
    html = own_content(page(markup_site, "papers/2607.01002"))

    assert '<code class="tex">$\\notarealcommand{x}$</code>' in html
    assert "<math" not in html


def test_html_in_an_abstract_is_text_and_cannot_end_the_json_ld(markup_site):
    html = page(markup_site, "papers/2607.01002")

    assert "&lt;script&gt;alert('pwned')&lt;/script&gt; and &lt;/script&gt;&lt;b&gt;bold" in html
    assert html.count('<script type="application/ld+json">') == 1
    assert html.count("<script") == html.count("</script>")
    assert json_ld(html)["headline"] == "Prompt Injection Is Not a Formatting Problem"


def test_a_600_author_paper_has_every_author_in_its_citation_data(markup_site):
    html = page(markup_site, f"papers/{LARGE_ID}")

    assert meta(html, "citation_author") == LARGE_AUTHORS
    assert meta(html, "citation_publication_date") == ["2026/07/02"]
    assert meta(html, "citation_arxiv_id") == [LARGE_ID]
    assert meta(html, "citation_pdf_url") == [f"https://arxiv.org/pdf/{LARGE_ID}"]
    assert meta(html, "citation_abstract_html_url") == [f"https://arxiv.org/abs/{LARGE_ID}"]
    data = json_ld(html)
    assert data["@type"] == "ScholarlyArticle"
    assert [author["name"] for author in data["author"]] == LARGE_AUTHORS
    assert data["url"] == f"{PREVIEW}/papers/{LARGE_ID}/"
    assert data["datePublished"] == "2026-07-02"
    assert f'<link rel="canonical" href="{PREVIEW}/papers/{LARGE_ID}/">' in html
    assert meta(html, "og:title") == ["A Detector Built by Many Hands"]
    assert meta(html, "og:url") == [f"{PREVIEW}/papers/{LARGE_ID}/"]
    assert meta(html, "og:type") == ["article"]


def test_a_long_author_list_is_shortened_with_details_showing_the_rest(markup_site):
    html = page(markup_site, f"papers/{LARGE_ID}")

    shown, hidden = html.split('<details class="more-authors">')
    assert len(re.findall(AUTHOR_LINK, shown)) == 10
    assert "<summary>Show all 600 authors</summary>" in hidden
    assert len(re.findall(AUTHOR_LINK, hidden)) == 590


def test_bibtex_is_shown_and_downloadable(markup_site):
    html = page(markup_site, f"papers/{LARGE_ID}")
    bibtex = (markup_site / "papers" / LARGE_ID / f"{LARGE_ID}.bib").read_text(encoding="utf-8")

    assert bibtex.startswith("@misc{abe2026detector,\n")
    assert "  author = {Aiko Abe and Aiko Berg and " in bibtex
    assert bibtex.count(" and ") == 599
    assert f"  eprint = {{{LARGE_ID}}},\n  archivePrefix = {{arXiv}},\n" in bibtex
    assert "  month = jul,\n" in bibtex
    assert f'<pre class="bibtex" id="bibtex" data-copy><code>{bibtex}</code></pre>' in html
    # Beside the page, so the link is the file's name whatever the site's address.
    assert f'<a href="{LARGE_ID}.bib" download>' in html


def test_bibtex_escapes_its_special_characters_and_keeps_tex(markup_site):
    bibtex = (markup_site / "papers" / "hep-th0601001" / "hep-th0601001.bib").read_text("utf-8")
    math = (markup_site / "papers" / "2607.01001" / "2607.01001.bib").read_text("utf-8")

    assert "  title = {{Strings on a Budget: Training for \\$5 and \\$10}},\n" in bibtex
    assert "  eprint = {hep-th/0601001},\n" in bibtex
    assert "  title = {{Sparse Attention in $\\mathcal{O}(n \\log n)$ Time}},\n" in math
    assert "  primaryClass = {cs.CL},\n" in math


def test_a_paper_links_to_a_correction_of_its_file(markup_site):
    html = page(markup_site, f"papers/{LARGE_ID}")

    edit = f"{REPO_URL}/edit/main/content/papers/{LARGE_ID}.md"
    assert f'<a href="{edit}">Suggest a correction to this paper' in html


def test_an_old_style_id_has_its_page_and_citation_data(markup_site):
    html = page(markup_site, "papers/hep-th0601001")

    assert "arXiv:hep-th/0601001" in html
    assert meta(html, "citation_arxiv_id") == ["hep-th/0601001"]
    assert meta(html, "citation_pdf_url") == ["https://arxiv.org/pdf/hep-th/0601001"]
    assert json_ld(html)["identifier"] == "arXiv:hep-th/0601001"
