"""Send one day's papers as the email digest: `python scripts/digest.py --date 2026-06-12`.

Reads the papers of that listing day from content/papers (through the paper model), writes
them most upvoted first as one multipart/alternative message, and sends it through the SMTP
server named by PAPERFEED_SMTP_* to PAPERFEED_DIGEST_TO, once per day and address (the record
is content/.digests/sent.yaml). `--dry-run` prints the message instead; `--force` sends a day
again. Exit status: 0 sent, or nothing to send (a note says why); 1 the server refused or
could not be reached, or a paper file is refused (one line, nothing recorded); 2 a missing
or unusable setting or option. The logic is paperfeed/digest.py; docs/digest.md the contract.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from paperfeed import digest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content"


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-12") from None


def run(args: argparse.Namespace) -> int:
    """Send (or print) the digest of `args.date`; return the exit status."""
    environ = os.environ
    to = digest.addresses(environ, dry_run=args.dry_run)
    smtp = None if args.dry_run else digest.smtp_settings(environ)
    record = digest.read_record(args.content)
    sent = digest.already_sent(record, args.date, to.to)
    if sent and not args.force and not args.dry_run:
        print(
            f"digest: the digest of {args.date} was sent to {sent['to']} "
            f"({sent.get('sent', 'time not recorded')}); nothing sent (--force sends it again)"
        )
        return 0
    entries = digest.day_papers(args.content, args.date, to.siteurl)
    if not entries:
        print(f"digest: no papers listed on {args.date}; nothing sent")
        return 0
    now = datetime.datetime.now(datetime.UTC)
    message = digest.build_message(args.date, entries, to, now)
    if args.dry_run:
        sys.stdout.write(message.as_string())
        if sent:
            print(
                f"digest: (already sent to {sent['to']}; a real run sends nothing)", file=sys.stderr
            )
        return 0
    assert smtp is not None
    digest.send(message, smtp)
    digest.record_sent(args.content, record, args.date, to.to, len(entries), now)
    print(f"digest: sent the {digest.count_of_papers(len(entries))} of {args.date} to {to.to}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run; one line and an exit status for every failure."""
    parser = argparse.ArgumentParser(
        prog="digest.py", description="Send one day's papers as the email digest."
    )
    parser.add_argument("--date", type=_day, required=True, help="the listing day, YYYY-MM-DD")
    parser.add_argument(
        "--content",
        type=Path,
        default=DEFAULT_CONTENT,
        help="content folder: papers/ and the record of sent digests (default content/)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the message, send nothing")
    parser.add_argument("--force", action="store_true", help="send even if already sent")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except digest.DigestError as error:
        print(f"digest: {error}", file=sys.stderr)
        return error.status


if __name__ == "__main__":
    sys.exit(main())
