"""`invoke digest`: the real command sends the day's papers to a real SMTP server (aiosmtpd on
the loopback address), once per day and address, and says in one line why it did not."""

from __future__ import annotations

import datetime
import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from paperfeed.testing import ROOT, invoke_command, visible_text, write_paper

SITEURL = "https://papers.example.org"
LIST = "papers@lists.example.org"
DAY = "2026-06-12"
RECORD = Path(".digests") / "sent.yaml"


class Inbox:
    """An aiosmtpd handler keeping every message it accepts, or refusing at one step."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_at: str | None = None

    async def handle_RCPT(self, server, session, envelope: Envelope, address, options):
        if self.refuse_at == "RCPT":
            return "550 5.1.1 no such list here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope):
        if self.refuse_at == "DATA":
            return "554 5.7.1 message refused as spam"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped content (its 30 papers of 2026-06-12), for the record to go in."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


def settings(port: int, **changes: str | None) -> dict[str, str]:
    values: dict[str, str | None] = {
        "PAPERFEED_SITEURL": SITEURL,
        "PAPERFEED_SMTP_HOST": "127.0.0.1",
        "PAPERFEED_SMTP_PORT": str(port),
        "PAPERFEED_SMTP_SECURITY": "none",
        "PAPERFEED_DIGEST_FROM": "paperfeed <digest@papers.example.org>",
        "PAPERFEED_DIGEST_TO": LIST,
    }
    values |= changes
    return {name: value for name, value in values.items() if value is not None}


def digest(content: Path, port: int, *options: str, day: str = DAY, **changes: str | None):
    """Run `invoke digest` as a user does, with the settings in the environment."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("PAPERFEED_")
    }
    environment |= settings(port, **changes)
    command = invoke_command("digest", "--date", day, "--content", str(content), *options)
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)


def shipped_papers() -> list[tuple[str, int]]:
    """(file id, upvotes) of the shipped papers of DAY, read from their files."""
    papers = []
    for path in sorted((ROOT / "content" / "papers").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if str(front["date"]) == DAY:
            papers.append((path.stem, front.get("upvotes") or 0))
    return papers


def test_the_day_s_papers_arrive_as_one_message_of_text_and_html(content, inbox):
    result = digest(content, inbox.port)

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"digest: sent the 30 papers of {DAY} to {LIST}\n"
    (message,) = inbox.messages
    assert message["To"] == LIST
    assert message["Subject"] == "Daily papers, 12 June 2026: 30 papers"
    assert message.get_content_type() == "multipart/alternative"
    text, page = message.iter_parts()
    assert (text.get_content_type(), page.get_content_type()) == ("text/plain", "text/html")
    expected = [
        file_id for file_id, upvotes in sorted(shipped_papers(), key=lambda p: (-p[1], p[0]))
    ]
    assert len(expected) == 30
    for part in (text.get_content(), page.get_content()):
        pages = re.findall(rf"{SITEURL}/papers/([^/]+)/", part)
        assert list(dict.fromkeys(pages)) == expected, "every paper, most upvoted first"
        for file_id in expected:
            assert f"https://arxiv.org/abs/{file_id}" in part
            assert f"https://arxiv.org/pdf/{file_id}" in part
        assert f"{SITEURL}/feeds/daily.atom.xml" in part
        assert f"{SITEURL}/day/{DAY}/" in part
    assert (
        text.get_content()
        .rstrip()
        .endswith(
            f"You receive this digest through the list {LIST}. To stop it, unsubscribe with your "
            "list's unsubscribe instructions."
        )
    )
    html = page.get_content()
    assert not re.search(r"<(script|img|style|link|iframe)\b|\bclass=|\bsrc=", html, re.I)
    assert "118 upvotes" in visible_text(html)


def test_a_title_s_math_reads_as_unicode_text(tmp_path, inbox):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    write_paper(
        content / "papers",
        title=r"$\alpha$-Net: Attention in $\mathcal{O}(n)$",
        date=datetime.date.fromisoformat(DAY),
        abstract=r"We show that $\beta \leq 1$\. More follows\.",
    )

    assert digest(content, inbox.port).returncode == 0

    text = inbox.messages[0].get_body(("plain",)).get_content()
    assert (
        "1. \N{GREEK SMALL LETTER ALPHA}-Net: Attention in \N{MATHEMATICAL SCRIPT CAPITAL O}(n)"
        in text
    )
    assert "   We show that \N{GREEK SMALL LETTER BETA} \N{LESS-THAN OR EQUAL TO} 1.\r\n" in text


def test_a_second_run_sends_nothing_and_force_sends_again(content, inbox):
    assert digest(content, inbox.port).returncode == 0

    again = digest(content, inbox.port)

    assert again.returncode == 0
    assert again.stdout.startswith(f"digest: the digest of {DAY} was sent to {LIST} (")
    assert again.stdout.endswith("nothing sent (--force sends it again)\n")
    assert len(inbox.messages) == 1

    forced = digest(content, inbox.port, "--force")

    assert forced.returncode == 0
    assert len(inbox.messages) == 2
    record = yaml.safe_load((content / RECORD).read_text(encoding="utf-8"))
    assert [(entry["date"], entry["to"], entry["papers"]) for entry in record] == [
        (DAY, LIST, 30),
        (DAY, LIST, 30),
    ]


def test_another_address_gets_the_day_too(content, inbox):
    assert digest(content, inbox.port).returncode == 0

    other = digest(content, inbox.port, PAPERFEED_DIGEST_TO="other@lists.example.org")

    assert other.returncode == 0
    assert [message["To"] for message in inbox.messages] == [LIST, "other@lists.example.org"]


@pytest.mark.parametrize(
    ("step", "line"),
    [
        ("RCPT", "digest: 127.0.0.1:{port} refused the recipient: 550 5.1.1 no such list here\n"),
        (
            "DATA",
            "digest: 127.0.0.1:{port} refused the digest: 554 5.7.1 message refused as spam\n",
        ),
    ],
)
def test_a_refusal_is_one_line_and_nothing_is_recorded(content, inbox, step, line):
    inbox.refuse_at = step

    result = digest(content, inbox.port)

    assert result.returncode == 1
    assert result.stderr == line.format(port=inbox.port)
    assert inbox.messages == []
    assert not (content / RECORD).exists()


def test_a_server_that_is_down_is_one_line_and_nothing_is_recorded(content):
    port = free_port()

    result = digest(content, port)

    assert result.returncode == 1
    assert result.stderr.startswith(f"digest: cannot send through 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1
    assert not (content / RECORD).exists()


def test_a_day_without_papers_sends_nothing(content, inbox):
    result = digest(content, inbox.port, day="2026-06-13")

    assert (result.returncode, result.stdout) == (
        0,
        "digest: no papers listed on 2026-06-13; nothing sent\n",
    )
    assert inbox.messages == []
    assert not (content / RECORD).exists()


def test_a_dry_run_prints_the_message_and_needs_no_server(content):
    result = digest(content, free_port(), "--dry-run", PAPERFEED_SMTP_HOST=None)

    assert result.returncode == 0, result.stderr
    message = email.message_from_string(result.stdout, policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["To"] == LIST
    assert not (content / RECORD).exists()


def test_a_refused_paper_file_stops_the_digest_before_anything_is_sent(content, inbox):
    broken = content / "papers" / "2606.13681.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("upvotes: 118", "upvote: 118"))

    result = digest(content, inbox.port)

    assert result.returncode == 1
    assert result.stderr.startswith("digest: ")
    assert "2606.13681.md:" in result.stderr and "did you mean upvotes?" in result.stderr
    assert result.stderr.count("\n") == 1
    assert inbox.messages == []


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        (
            {"PAPERFEED_SITEURL": None},
            "digest: set PAPERFEED_SITEURL to the site's address (for example "
            "https://papers.example.org; got ''): the digest links to its pages",
        ),
        ({"PAPERFEED_DIGEST_TO": None}, "digest: set PAPERFEED_DIGEST_TO (see docs/digest.md)"),
        (
            {"PAPERFEED_DIGEST_FROM": "not an address"},
            "digest: PAPERFEED_DIGEST_FROM must be an email address, not 'not an address'",
        ),
        (
            {"PAPERFEED_SMTP_HOST": None},
            "digest: set PAPERFEED_SMTP_HOST, the SMTP server to send through",
        ),
        (
            {"PAPERFEED_SMTP_SECURITY": "ssl"},
            "digest: PAPERFEED_SMTP_SECURITY must be starttls, tls or none, not 'ssl'",
        ),
        (
            {"PAPERFEED_SMTP_PORT": "smtp"},
            "digest: PAPERFEED_SMTP_PORT must be a port number, not 'smtp'",
        ),
        (
            {"PAPERFEED_SMTP_USER": "me", "PAPERFEED_SMTP_PASSWORD": "secret"},
            "digest: PAPERFEED_SMTP_SECURITY is none: the password would cross the network "
            "in clear; use starttls or tls",
        ),
        (
            {"PAPERFEED_SMTP_USER": "me"},
            "digest: set both PAPERFEED_SMTP_USER and PAPERFEED_SMTP_PASSWORD, or neither",
        ),
    ],
)
def test_a_missing_or_unusable_setting_is_named_in_one_line(content, inbox, changes, line):
    result = digest(content, inbox.port, **changes)

    assert (result.returncode, result.stderr) == (2, line + "\n")
    assert inbox.messages == []


def test_an_unreadable_record_is_named(content, inbox):
    (content / RECORD).parent.mkdir()
    (content / RECORD).write_text("- {date: [", encoding="utf-8")

    result = digest(content, inbox.port)

    assert result.returncode == 1
    assert result.stderr.startswith(f"digest: {content / RECORD}: not YAML (")
    assert result.stderr.endswith("; fix or delete it\n")
    assert inbox.messages == []
