"""Hostile input for the whole chain: upstream answers, a pull request's paper file, and what
each must become.

Every script here sets `window.pfInjected` (or opens a dialog): a page on which either
happened ran input as code. Upstream answers are variations of the recorded ones
(tests/fixtures/upstream/), written into a recordings folder the replay server serves first.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tools.replay_server import RECORDINGS

DAY = "2026-06-15"
ARXIV_QUERY = "all:hostile"
ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"

SCRIPT_TEX = r"$\text{<script>window.pfInjected=1</script>}$"
IMAGE_TEX = r'$\text{<img/src="x"/onerror="window.pfInjected=2">}$'
HREF_TEX = r"$\href{javascript:window.pfInjected=3}{click}$"
RED_BOX_TEX = r"$\style{position:fixed;top:0;left:0;width:100%;height:100%;background:red}{x}$"
RAW_HTML = '<script>window.pfInjected=4</script> <img src=x onerror="window.pfInjected=5">'
SCRIPT_LINK = "[click](javascript:window.pfInjected=6)"
# Shared by two papers, so the author has a page of their own.
HOSTILE_AUTHOR = 'Eve <img src=x onerror="window.pfInjected=7">'


@dataclass(frozen=True)
class Expected:
    """What the chain must make of one upstream entry or file: a paper (its file id) or a
    refusal (the words its one line holds)."""

    fileid: str | None
    refusal: str | None = None


def _hf_entry(template: dict, arxiv_id: str, **paper) -> dict:
    entry = copy.deepcopy(template)
    entry["paper"].update(id=arxiv_id, submittedOnDailyAt=f"{DAY}T00:00:00.000Z", **paper)
    entry["title"] = paper.get("title", entry["title"])
    entry["summary"] = paper.get("summary", entry["summary"])
    return entry


def _authors(*names: str) -> list[dict]:
    return [{"name": name, "hidden": False} for name in names]


def hf_entries(template: dict) -> list[tuple[dict, Expected]]:
    """The hostile Daily Papers entries of DAY, made from a recorded entry."""
    return [
        (
            _hf_entry(
                template,
                "2606.90001",
                title=f"Scripted {SCRIPT_TEX} attention for LLMs",
                summary=f"We study large language models. {IMAGE_TEX} and {SCRIPT_TEX} here.",
                authors=_authors("Ada Lovelace", HOSTILE_AUTHOR),
            ),
            Expected("2606.90001"),
        ),
        (
            _hf_entry(
                template,
                "2606.90002",
                title=f"Linked {HREF_TEX} and boxed {RED_BOX_TEX} agents",
                summary=(
                    f"{RAW_HTML} and {SCRIPT_LINK}. The literal pfmathspan0x next to $x$ "
                    "and pfmathspan5x alone stay text."
                ),
                authors=_authors(HOSTILE_AUTHOR, "Grace Hopper"),
                githubRepo="javascript:window.pfInjected=8",
                projectPage="data:text/html,<script>window.pfInjected=9</script>",
            ),
            Expected("2606.90002"),
        ),
        (
            _hf_entry(
                template,
                "2606.90003",
                title=r"Converters meet $\href{x}{y}$ in a title",
                ai_keywords=7,
                ai_summary="<script>window.pfInjected=10</script> in a summary",
            ),
            Expected("2606.90003"),
        ),
        (
            _hf_entry(
                template,
                "2606.90004",
                authors=["Plain Name", "Other <b onmouseover='window.pfInjected=11'>Name</b>"],
            ),
            Expected("2606.90004"),
        ),
        (_hf_entry(template, "2606.90005", authors=None), Expected(None, "2606.90005")),
        (_hf_entry(template, "2606.90006", authors=5), Expected(None, "2606.90006")),
        (
            _hf_entry(template, "2606.90007", title="Deep $" + "{" * 1000 + "x" + "}" * 1000 + "$"),
            Expected(None, "2606.90007"),
        ),
        (
            _hf_entry(template, "2606.90008", title="A title with a \b control character"),
            Expected(None, "2606.90008"),
        ),
    ]


def arxiv_entries(template: ET.Element) -> list[tuple[ET.Element, Expected]]:
    """The hostile entries of the arXiv query ARXIV_QUERY, made from a recorded entry."""

    def entry(arxiv_id: str | None, title: str | None, summary: str, authors: bool = True):
        element = copy.deepcopy(template)
        for tag in ("id", "title", "summary"):
            found = element.find(f"{{{ATOM}}}{tag}")
            element.remove(found)
        if arxiv_id is not None:
            ET.SubElement(element, f"{{{ATOM}}}id").text = f"http://arxiv.org/abs/{arxiv_id}v1"
        if title is not None:
            ET.SubElement(element, f"{{{ATOM}}}title").text = title
        ET.SubElement(element, f"{{{ATOM}}}summary").text = summary
        if not authors:
            for author in element.findall(f"{{{ATOM}}}author"):
                element.remove(author)
        return element

    return [
        (
            entry("2606.90101", f"Styled {RED_BOX_TEX} retrieval", f"Text {SCRIPT_TEX} text."),
            Expected("2606.90101"),
        ),
        (entry("2606.90102", None, "No title."), Expected(None, "2606.90102")),
        (entry("2606.90103", "No authors", "None.", authors=False), Expected(None, "2606.90103")),
        (entry(None, "No id", "Nothing to name it by."), Expected(None, "entry 4")),
    ]


PULL_REQUEST_FILE = "2606.90201"
PULL_REQUEST_PAPER = f"""---
title: "Contributed $\\\\text{{<img/src='x'/onerror='window.pfInjected=12'>}}$ correction"
arxiv_id: "{PULL_REQUEST_FILE}"
authors: ["Mallory Contributor"]
date: {DAY}
tags: [cs.CL]
---

See [the code](http://[x) and [this](javascript:window.pfInjected=13), <script>
window.pfInjected=14</script>, and the literal pfmathspan5x.
"""
"""A paper file as a pull request would send it: script in TeX, links and HTML in Markdown."""


def write_recordings(folder: Path) -> list[Expected]:
    """Write the hostile Daily Papers list and arXiv query into `folder` (laid out as the
    recordings are); return what each entry must become, in order."""
    day_list = json.loads((RECORDINGS / "hf" / "daily_papers_2026-06-12.json").read_bytes())
    hf = hf_entries(day_list[0])
    (folder / "hf").mkdir(parents=True)
    (folder / "hf" / f"daily_papers_{DAY}.json").write_text(
        json.dumps([entry for entry, _ in hf], ensure_ascii=True), encoding="utf-8"
    )
    feed = ET.parse(RECORDINGS / "arxiv" / "query_attention_max3.xml").getroot()
    template = feed.find(f"{{{ATOM}}}entry")
    for old in feed.findall(f"{{{ATOM}}}entry"):
        feed.remove(old)
    arxiv = arxiv_entries(template)
    feed.extend(entry for entry, _ in arxiv)
    query = f"search_query={ARXIV_QUERY}&id_list=&start=0&max_results=5"
    feed.find(f"{{{ATOM}}}title").text = f"arXiv Query: {query}"
    (folder / "arxiv").mkdir()
    ET.ElementTree(feed).write(folder / "arxiv" / "query_hostile.xml", encoding="utf-8")
    return [expected for _, expected in hf + arxiv]
