"""A local stand-in for the upstream APIs that replays recorded responses.

Serves, from folders of recordings laid out like `tests/fixtures/upstream/` (`hf/*.json`,
`arxiv/*.xml`), the URL paths the fetch calls:

- `/api/daily_papers?date=D[&limit=N&p=P]`: `hf/daily_papers_<D>.json`, paged (a recording
  that is not a JSON list is served as it is); `[]` for a day with no recording (as Hugging
  Face answers for a weekend);
- `/api/papers/<id>`: `hf/paper_<id>.json`, else 404; `/api/papers/search?q=Q`:
  `hf/papers_search_q-<Q with spaces as ->.json`;
- `/api/query` (arXiv): `search_query` + `max_results` answered with the recording whose feed
  title names that query; `id_list` answered with a feed of the recorded entries of those ids.

The first folder that has a recording wins, so a test puts its variations first. Faults can
be injected per request (`inject`): an HTTP status (with `Retry-After`), a truncated body, a
slow answer. Used by the tests and by `invoke sample-content`; run it by hand with
`python -m tools.replay_server [--port N] [FOLDER ...]` from the repository root.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "tests" / "fixtures" / "upstream"
ARXIV_PATH = "/api/query"
ATOM = "http://www.w3.org/2005/Atom"
ARXIV = "http://arxiv.org/schemas/atom"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"

ET.register_namespace("", ATOM)
ET.register_namespace("arxiv", ARXIV)
ET.register_namespace("opensearch", OPENSEARCH)


@dataclass
class Fault:
    """What to do instead of (or on top of) the normal answer to matching requests."""

    match: str
    status: int | None = None
    retry_after: str | None = None
    truncate: bool = False
    delay: float = 0.0
    times: int | None = 1


class ReplayServer:
    """A threaded HTTP server on 127.0.0.1 replaying recordings; a context manager."""

    def __init__(self, recordings: Iterable[Path] = (RECORDINGS,), port: int = 0) -> None:
        self.recordings = [Path(folder) for folder in recordings]
        self.log: list[tuple[float, str]] = []
        """(time.monotonic() on arrival, `/path?query`) of every request served."""
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.replay = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:<port>` (the `HF_ENDPOINT`)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def env(self) -> dict[str, str]:
        """Environment variables pointing a fetch here, without arXiv pacing."""
        return {
            "HF_ENDPOINT": self.url,
            "PAPERFEED_ARXIV_API": self.url + ARXIV_PATH,
            "PAPERFEED_ARXIV_DELAY": "0",
        }

    def inject(
        self,
        match: str,
        *,
        status: int | None = None,
        retry_after: str | None = None,
        truncate: bool = False,
        delay: float = 0.0,
        times: int | None = 1,
    ) -> None:
        """Make the next `times` requests whose path and query contain `match` fail
        (None: all of them): answer `status` (with `Retry-After`), or the normal answer cut
        to half its length, after waiting `delay` seconds."""
        with self._lock:
            self._faults.append(Fault(match, status, retry_after, truncate, delay, times))

    def requests(self, path: str = "") -> list[str]:
        """The requests served so far (`/path?query`) whose path starts with `path`."""
        with self._lock:
            return [target for _, target in self.log if target.startswith(path)]

    def start(self) -> ReplayServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _take_fault(self, target: str) -> Fault | None:
        with self._lock:
            self.log.append((time.monotonic(), target))
            for fault in self._faults:
                if fault.match in target and fault.times != 0:
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def _find(self, relative: str) -> Path | None:
        for folder in self.recordings:
            if (folder / relative).is_file():
                return folder / relative
        return None

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
        """(status, content type, body) of a request."""
        first = {key: values[0] for key, values in query.items()}
        if path == "/api/daily_papers":
            return self._daily_papers(first)
        if path == "/api/papers/search":
            slug = first.get("q", "").replace(" ", "-")
            return self._json_file(f"hf/papers_search_q-{slug}.json")
        if path.startswith("/api/papers/"):
            return self._json_file(f"hf/paper_{path.removeprefix('/api/papers/')}.json")
        if path == ARXIV_PATH:
            return self._arxiv(first)
        return 404, "text/plain", b"no such endpoint in the replay server\n"

    def _json_file(self, relative: str) -> tuple[int, str, bytes]:
        found = self._find(relative)
        if found is None:
            return 404, "application/json", b'{"error":"Not Found"}'
        return 200, "application/json", found.read_bytes()

    def _daily_papers(self, query: dict[str, str]) -> tuple[int, str, bytes]:
        found = self._find(f"hf/daily_papers_{query.get('date', '')}.json")
        if found is None:
            return 200, "application/json", b"[]"
        limit, page = int(query.get("limit", 50)), int(query.get("p", 0))
        body = found.read_bytes()
        try:
            entries = json.loads(body)
        except (ValueError, RecursionError):
            entries = None  # a malformed recording, for a test: served as it is
        if not isinstance(entries, list) or (page == 0 and len(entries) <= limit):
            return 200, "application/json", body  # the recording, byte for byte
        selected = entries[page * limit : (page + 1) * limit]
        return 200, "application/json", json.dumps(selected).encode()

    def _arxiv(self, query: dict[str, str]) -> tuple[int, str, bytes]:
        feeds, entries = self._arxiv_index()
        if query.get("id_list"):
            wanted = query["id_list"].split(",")
            found = [entries[item] for item in wanted if item in entries]
            return 200, "application/atom+xml", _feed(found)
        key = (query.get("search_query", ""), query.get("max_results", "10"))
        if key in feeds:
            return 200, "application/atom+xml", feeds[key].read_bytes()
        return 200, "application/atom+xml", _feed([])

    def _arxiv_index(self):
        """Recorded query feeds by (search_query, max_results) and entries by id."""
        feeds: dict[tuple[str, str], Path] = {}
        entries: dict[str, ET.Element] = {}
        for folder in self.recordings:
            for path in sorted((folder / "arxiv").glob("*.xml")):
                feed = ET.parse(path).getroot()
                title = feed.findtext(f"{{{ATOM}}}title", "").partition(":")[2].strip()
                query = {key: values[0] for key, values in parse_qs(title).items()}
                if "search_query" in query:
                    feeds.setdefault((query["search_query"], query.get("max_results", "")), path)
                for entry in feed.iter(f"{{{ATOM}}}entry"):
                    versioned = entry.findtext(f"{{{ATOM}}}id", "").rpartition("/abs/")[2]
                    entries.setdefault(versioned, entry)
                    entries.setdefault(re.sub(r"v\d+$", "", versioned), entry)
        return feeds, entries


def write_arxiv_entries(folder: Path, categories: dict[str, list[str]]) -> Path:
    """Write into a recordings folder an arXiv feed with an entry for each of these ids (the
    version-1 paper, with these categories, the first one primary), as `id_list` requests
    (the enrichment of Daily Papers) are answered; returns its path."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "arXiv Query: id_list= (constructed)"
    for arxiv_id, terms in categories.items():
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        texts = {
            "id": f"http://arxiv.org/abs/{arxiv_id}v1",
            "title": f"Paper {arxiv_id}",
            "summary": "An abstract.",
            "published": "2026-06-10T00:00:00Z",
            "updated": "2026-06-10T00:00:00Z",
        }
        for tag, text in texts.items():
            ET.SubElement(entry, f"{{{ATOM}}}{tag}").text = text
        ET.SubElement(
            ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name"
        ).text = "A. Author"
        ET.SubElement(entry, f"{{{ARXIV}}}primary_category", term=terms[0])
        for term in terms:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=term)
    path = Path(folder) / "arxiv" / "entries.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
    return path


def _feed(entries: list[ET.Element]) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "arXiv Query (replayed)"
    ET.SubElement(feed, f"{{{OPENSEARCH}}}totalResults").text = str(len(entries))
    feed.extend(entries)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    replay: ReplayServer

    def handle_error(self, request, client_address) -> None:
        """Quiet: a client that gave up (timeout test) is expected here."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm holds the body
    # until the client's delayed ACK of the headers, some 40 ms a request.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        replay = self.server.replay
        fault = replay._take_fault(self.path)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.status is not None:
            status, kind, body = fault.status, "text/plain", b"injected fault\n"
        else:
            split = urlsplit(self.path)
            status, kind, body = replay.answer(split.path, parse_qs(split.query))
            if fault is not None and fault.truncate:
                body = body[: len(body) // 2]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if fault is not None and fault.retry_after is not None:
            self.send_header("Retry-After", fault.retry_after)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are kept in `ReplayServer.log`, not printed."""


def main() -> None:
    """Serve recordings until interrupted, printing the environment that points at them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("folders", nargs="*", type=Path, default=[RECORDINGS])
    args = parser.parse_args()
    with ReplayServer(args.folders, port=args.port) as server:
        for name, value in server.env().items():
            print(f"export {name}={value}")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
