"""The daily digest by email: one day's papers, most upvoted first, as one message sent over
SMTP to an address (typically a mailing list), at most once per day and address.

`scripts/digest.py` (`invoke digest --date D`) is the command; docs/digest.md the contract.
The papers are read through the paper model (`check.paper_files`, `validate.validate_paper`),
so the digest accepts and refuses files as the check and the build do. The message is
`multipart/alternative`: plain text first, then HTML (inline styles only, no images, no
scripts, no colours that a dark-mode client would leave unreadable). Titles and summaries
show their TeX as Unicode text (`tex.tex_to_text`).

Sent digests are recorded in the repository, in SENT_RECORD under the content folder: a dot
folder, which neither the check nor the build reads, so recording a digest changes no page and
keeps the build's cache valid.
"""

from __future__ import annotations

import datetime
import html
import re
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .check import paper_files, shown_path, topics_file
from .ids import abs_url, fileid, pdf_url
from .paperfile import write_files
from .schema import Paper
from .tags import read_vocabulary
from .tex import TEX_SPAN, tex_to_text
from .validate import validate_paper

SENT_RECORD = Path(".digests") / "sent.yaml"
"""Where sent digests are recorded, relative to the content folder."""
SECURITY_PORTS = {"starttls": 587, "tls": 465, "none": 25}
SMTP_TIMEOUT = 60
SHOWN_AUTHORS = 3
SUMMARY_LENGTH = 240


class DigestError(Exception):
    """A reason the digest cannot be sent, as one line; `status` is the exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class UsageError(DigestError):
    """A setting or option that is missing or unusable (exit status 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=2)


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: PAPERFEED_SMTP_* from the environment."""

    host: str
    port: int
    security: str  # starttls, tls (implicit, SMTPS) or none
    user: str | None
    password: str | None


@dataclass(frozen=True)
class Addresses:
    """The sender and the receiver (a mailing list), and the site the links point to."""

    sender: str
    to: str
    siteurl: str
    unsubscribe: str | None = None


def _address(name: str, value: str) -> str:
    _, address = parseaddr(value)
    if "@" not in address or any(character in value for character in "\r\n"):
        raise UsageError(f"{name} must be an email address, not {value!r}")
    return value


def site_address(environ: Mapping[str, str]) -> str:
    """The site's address (PAPERFEED_SITEURL, as publishconf.py reads it), for the links."""
    siteurl = environ.get("PAPERFEED_SITEURL", "").strip().rstrip("/")
    if urlsplit(siteurl).scheme not in ("http", "https") or not urlsplit(siteurl).netloc:
        raise UsageError(
            "set PAPERFEED_SITEURL to the site's address (for example "
            f"https://papers.example.org; got {siteurl!r}): the digest links to its pages"
        )
    return siteurl


def addresses(environ: Mapping[str, str], *, dry_run: bool = False) -> Addresses:
    """PAPERFEED_DIGEST_FROM, PAPERFEED_DIGEST_TO and PAPERFEED_SITEURL; in a dry run the
    addresses may be missing (placeholders are shown)."""
    siteurl = site_address(environ)
    values = {}
    for name in ("PAPERFEED_DIGEST_FROM", "PAPERFEED_DIGEST_TO"):
        value = environ.get(name, "").strip()
        if not value and dry_run:
            value = f"{name.rpartition('_')[2].lower()}@example.invalid"
        if not value:
            raise UsageError(f"set {name} (see docs/digest.md)")
        values[name] = _address(name, value)
    unsubscribe = environ.get("PAPERFEED_DIGEST_UNSUBSCRIBE", "").strip() or None
    if unsubscribe and urlsplit(unsubscribe).scheme not in ("https", "http", "mailto"):
        raise UsageError(
            "PAPERFEED_DIGEST_UNSUBSCRIBE must be an https: or mailto: address, "
            f"not {unsubscribe!r}"
        )
    return Addresses(
        values["PAPERFEED_DIGEST_FROM"], values["PAPERFEED_DIGEST_TO"], siteurl, unsubscribe
    )


def smtp_settings(environ: Mapping[str, str]) -> SmtpSettings:
    """The SMTP server's settings; UsageError naming a missing or unusable one."""
    host = environ.get("PAPERFEED_SMTP_HOST", "").strip()
    if not host:
        raise UsageError("set PAPERFEED_SMTP_HOST, the SMTP server to send through")
    security = environ.get("PAPERFEED_SMTP_SECURITY", "starttls").strip().lower() or "starttls"
    if security not in SECURITY_PORTS:
        raise UsageError(f"PAPERFEED_SMTP_SECURITY must be starttls, tls or none, not {security!r}")
    port_text = environ.get("PAPERFEED_SMTP_PORT", "").strip()
    if port_text and not (port_text.isdigit() and 0 < int(port_text) < 65536):
        raise UsageError(f"PAPERFEED_SMTP_PORT must be a port number, not {port_text!r}")
    user = environ.get("PAPERFEED_SMTP_USER") or None
    password = environ.get("PAPERFEED_SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        raise UsageError("set both PAPERFEED_SMTP_USER and PAPERFEED_SMTP_PASSWORD, or neither")
    if user and security == "none":
        raise UsageError(
            "PAPERFEED_SMTP_SECURITY is none: the password would cross the network in clear; "
            "use starttls or tls"
        )
    port = int(port_text) if port_text else SECURITY_PORTS[security]
    return SmtpSettings(host, port, security, user, password)


# --- the day's papers ---------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One paper as the digest shows it."""

    file_id: str
    title: str
    authors: list[str]
    upvotes: int | None
    summary: str
    page: str
    arxiv: str
    pdf: str


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~$])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def plain_text(markdown: str) -> str:
    """A paper's Markdown text as one line of plain text, its TeX spans as Unicode."""
    text = " ".join(markdown.split())
    parts = []
    end = 0
    for span in TEX_SPAN.finditer(text):
        parts.append(_MARKDOWN_ESCAPE.sub(r"\1", text[end : span.start()]))
        parts.append(tex_to_text(span.group(0)))
        end = span.end()
    parts.append(_MARKDOWN_ESCAPE.sub(r"\1", text[end:]))
    return "".join(parts)


def one_line_summary(paper: Paper) -> str:
    """Hugging Face's one-line summary, else the abstract's first sentence (shortened)."""
    text = plain_text(paper.ai_summary or "") or plain_text(paper.abstract)
    if not paper.ai_summary:
        text = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(text) > SUMMARY_LENGTH:
        text = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return text


def day_papers(content: Path, day: datetime.date, siteurl: str) -> list[Entry]:
    """The papers listed on `day` in the content folder, most upvoted first (then file id).

    DigestError (one line, the first problem) when a paper file is refused by the check.
    """
    papers_dir = content / "papers"
    if not papers_dir.is_dir():
        raise UsageError(f"{shown_path(papers_dir)} is not a folder of paper files")
    topics = topics_file(papers_dir)
    vocabulary = read_vocabulary(topics, shown_path(topics))
    problems = list(vocabulary.problems)
    listing = paper_files(papers_dir)
    found: list[tuple[str, Paper]] = []
    for relative in listing.papers:
        path = papers_dir / relative
        result = validate_paper(
            path.read_bytes(), shown_path(path), Path(relative).stem, vocabulary
        )
        problems += result.problems
        if result.paper is not None and result.paper.date == day:
            found.append((fileid(result.paper.arxiv_id), result.paper))
    if problems or listing.links:
        first = problems[0] if problems else f"{listing.links[0]}: is a symbolic link"
        raise DigestError(
            f"{first} ({len(problems) + len(listing.links)} problem(s) in the papers; "
            "run `invoke check` and fix them before sending the digest)"
        )
    found.sort(key=lambda item: (-(item[1].upvotes or 0), item[0]))
    return [
        Entry(
            file_id=file_id,
            title=plain_text(paper.title),
            authors=list(paper.authors),
            upvotes=paper.upvotes,
            summary=one_line_summary(paper),
            page=f"{siteurl}/papers/{file_id}/",
            arxiv=abs_url(paper.arxiv_id),
            pdf=pdf_url(paper.arxiv_id),
        )
        for file_id, paper in found
    ]


# --- the message --------------------------------------------------------------------------


def shown_authors(authors: list[str]) -> str:
    """The first authors, and how many more."""
    shown = ", ".join(authors[:SHOWN_AUTHORS])
    more = len(authors) - SHOWN_AUTHORS
    return f"{shown} and {more} more" if more > 0 else shown


def count_of_papers(count: int) -> str:
    """`1 paper`, `30 papers`."""
    return f"{count} paper{'' if count == 1 else 's'}"


def _upvotes(entry: Entry) -> str:
    count = entry.upvotes or 0
    return f"{count} upvote{'' if count == 1 else 's'}"


def day_label(day: datetime.date) -> str:
    """`12 June 2026`, the same in every locale."""
    months = (
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    )
    return f"{day.day} {months[day.month - 1]} {day.year}"


def footer_links(day: datetime.date, siteurl: str) -> list[tuple[str, str]]:
    """(label, address) of the links at the end of the digest: the day, the feeds."""
    return [
        ("This day on the site", f"{siteurl}/day/{day.isoformat()}/"),
        ("Daily digest feed (Atom)", f"{siteurl}/feeds/daily.atom.xml"),
        ("Daily digest feed (RSS)", f"{siteurl}/feeds/daily.rss.xml"),
        ("All papers (Atom)", f"{siteurl}/feeds/all.atom.xml"),
    ]


def unsubscribe_line(to: Addresses) -> str:
    """The last line: which list this went to and how to leave it."""
    how = (
        f" at {to.unsubscribe}" if to.unsubscribe else " with your list's unsubscribe instructions"
    )
    return f"You receive this digest through the list {to.to}. To stop it, unsubscribe{how}."


def text_body(day: datetime.date, entries: list[Entry], to: Addresses) -> str:
    """The plain-text part."""
    lines = [
        f"Daily papers, {day_label(day)}: {count_of_papers(len(entries))}, most upvoted first",
        "",
    ]
    for number, entry in enumerate(entries, 1):
        lines += [
            f"{number}. {entry.title}",
            f"   {shown_authors(entry.authors)} · {_upvotes(entry)}",
            f"   {entry.summary}",
            f"   Page: {entry.page}",
            f"   arXiv: {entry.arxiv}  PDF: {entry.pdf}",
            "",
        ]
    lines.append("-- ")
    lines += [f"{label}: {address}" for label, address in footer_links(day, to.siteurl)]
    lines.append(unsubscribe_line(to))
    return "\n".join(lines) + "\n"


_FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"


def _link(address: str, label: str) -> str:
    return f'<a href="{html.escape(address)}">{html.escape(label)}</a>'


def html_body(day: datetime.date, entries: list[Entry], to: Addresses) -> str:
    """The HTML part: inline styles only, no colours set, no images, no scripts."""
    title = f"Daily papers, {day_label(day)}"
    items = []
    for entry in entries:
        items.append(
            '<li style="margin:0 0 18px 0">'
            f'<p style="margin:0;font-size:17px;font-weight:600">'
            f"{_link(entry.page, entry.title)}</p>"
            f'<p style="margin:2px 0;font-size:14px">'
            f"{html.escape(shown_authors(entry.authors))} · {_upvotes(entry)}</p>"
            f'<p style="margin:4px 0;font-size:15px;line-height:1.45">'
            f"{html.escape(entry.summary)}</p>"
            f'<p style="margin:2px 0;font-size:14px">{_link(entry.page, "Page")} · '
            f"{_link(entry.arxiv, 'arXiv')} · {_link(entry.pdf, 'PDF')}</p>"
            "</li>"
        )
    footer = [_link(address, label) for label, address in footer_links(day, to.siteurl)]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        '<meta name="supported-color-schemes" content="light dark">'
        f"<title>{html.escape(title)}</title></head>"
        f'<body style="margin:0;padding:16px;{_FONT}">'
        f'<h1 style="font-size:22px;margin:0 0 4px 0">{html.escape(title)}</h1>'
        '<p style="margin:0 0 16px 0;font-size:14px">'
        f"{count_of_papers(len(entries))}, most upvoted first</p>"
        f'<ol style="padding-left:22px;margin:0">{"".join(items)}</ol>'
        '<hr style="border:0;border-top:1px solid;opacity:0.3;margin:16px 0">'
        f'<p style="font-size:13px;margin:0 0 6px 0">{" · ".join(footer)}</p>'
        f'<p style="font-size:13px;margin:0">{html.escape(unsubscribe_line(to))}</p>'
        "</body></html>\n"
    )


def build_message(
    day: datetime.date, entries: list[Entry], to: Addresses, now: datetime.datetime
) -> EmailMessage:
    """The digest as one multipart/alternative message: plain text, then HTML."""
    message = EmailMessage()
    message["Subject"] = f"Daily papers, {day_label(day)}: {count_of_papers(len(entries))}"
    message["From"] = to.sender
    message["To"] = to.to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(
        f"digest.{day.isoformat()}", domain=parseaddr(to.sender)[1].rpartition("@")[2]
    )
    if to.unsubscribe:
        message["List-Unsubscribe"] = f"<{to.unsubscribe}>"
    message.set_content(text_body(day, entries, to))
    message.add_alternative(html_body(day, entries, to), subtype="html")
    return message


# --- sending and the record ---------------------------------------------------------------


def send(message: EmailMessage, smtp: SmtpSettings) -> None:
    """Send `message` through the server; DigestError (one line) when it is refused or down."""
    where = f"{smtp.host}:{smtp.port}"
    try:
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if smtp.security == "tls":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=SMTP_TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.user and smtp.password:
                client.login(smtp.user, smtp.password)
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, reason = next(iter(error.recipients.values()))
        raise DigestError(f"{where} refused the recipient: {code} {_reason(reason)}") from None
    except smtplib.SMTPResponseException as error:
        raise DigestError(
            f"{where} refused the digest: {error.smtp_code} {_reason(error.smtp_error)}"
        ) from None
    except (smtplib.SMTPException, OSError) as error:
        raise DigestError(f"cannot send through {where}: {_reason(error)}") from None


def _reason(error: object) -> str:
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
    return " ".join(text.split()) or type(error).__name__


def read_record(content: Path) -> list[dict]:
    """The sent digests recorded under `content`; DigestError when the record is unreadable."""
    path = content / SENT_RECORD
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as error:
        raise DigestError(f"{shown_path(path)}: cannot read it: {error.strerror}") from None
    try:
        entries = yaml.safe_load(text) or []
    except yaml.YAMLError as error:
        raise DigestError(
            f"{shown_path(path)}: not YAML ({_reason(error)}); fix or delete it"
        ) from None
    valid = isinstance(entries, list) and all(
        isinstance(entry, dict) and {"date", "to"} <= entry.keys() for entry in entries
    )
    if not valid:
        raise DigestError(
            f"{shown_path(path)}: must be a list of entries with date and to; fix or delete it"
        )
    return entries


def already_sent(record: list[dict], day: datetime.date, to: str) -> dict | None:
    """The record's entry of the digest of `day` to `to`, if it was sent."""
    wanted = parseaddr(to)[1].lower()
    for entry in record:
        if (
            str(entry["date"]) == day.isoformat()
            and parseaddr(str(entry["to"]))[1].lower() == wanted
        ):
            return entry
    return None


def record_sent(
    content: Path,
    record: list[dict],
    day: datetime.date,
    to: str,
    papers: int,
    now: datetime.datetime,
) -> None:
    """Add the digest of `day` to `to` to the record (written whole)."""
    entry = {
        "date": day.isoformat(),
        "to": parseaddr(to)[1],
        "sent": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "papers": papers,
    }
    header = "# The digests `invoke digest` sent, one entry per day and address (docs/digest.md).\n"
    text = header + yaml.safe_dump([*record, entry], sort_keys=False, allow_unicode=True)
    path = content / SENT_RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    write_files([(path, text.encode("utf-8"))])
