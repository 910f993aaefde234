"""A built site served on 127.0.0.1 while a block runs: for Lighthouse (tools/lighthouse.py)
and the tests that read the site as a browser or a feed reader does (tests/browser_tools.py).

Text files go out gzip-compressed to a client that accepts it, as every static host the README
names serves them (GitHub Pages, Netlify, Cloudflare Pages): Lighthouse's simulated slow
network then times the bytes a reader would download, not a raw file no host would send.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml")


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        """The file as SimpleHTTPRequestHandler sends it, gzip-compressed where accepted."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()  # also the redirect of a folder's address without "/"
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve `folder` with a threaded http.server on 127.0.0.1 (a free port); yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
