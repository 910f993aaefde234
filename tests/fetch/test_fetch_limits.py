"""A hostile server cannot hold the fetch past its deadline or fill its memory."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fetch_helpers import DAY

TRICKLE_BYTES = 60
TRICKLE_PAUSE = 0.5
"""A trickle sends a byte every half second: 30 s in all, far past a 2 s deadline."""
# 200 gzip members of 1 MB of zeros each: 200 MB once decompressed, about 200 kB on the wire.
BOMB = gzip.compress(bytes(1 << 20)) * 200


class _HostileHandler(BaseHTTPRequestHandler):
    """Answers every GET the way the server's `behaviour` says."""

    protocol_version = "HTTP/1.1"
    server: _HostileServer

    def do_GET(self) -> None:
        # A broken connection is the fetch giving up, as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            getattr(self, self.server.behaviour.replace(" ", "_"))()

    def trickle_the_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Padding: ")
        self._trickle()

    def trickle_the_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(TRICKLE_BYTES))
        self.end_headers()
        self._trickle()

    def send_a_gzip_bomb(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(BOMB)))
        self.end_headers()
        self.wfile.write(BOMB)

    def _trickle(self) -> None:
        for _ in range(TRICKLE_BYTES):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(TRICKLE_PAUSE)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    behaviour = ""

    def handle_error(self, request, client_address) -> None:
        """Quiet."""


@pytest.fixture
def hostile() -> Iterator[Callable[[str], str]]:
    """Start a local server that behaves so; gives its base URL."""
    server = _HostileServer(("127.0.0.1", 0), _HostileHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()

    def serve(behaviour: str) -> str:
        server.behaviour = behaviour
        host, port = server.server_address[:2]
        return f"http://{host}:{port}"

    yield serve
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("trickle", ["trickle the headers", "trickle the body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(trickle, hostile, run, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hostile(trickle))
    monkeypatch.setenv("PAPERFEED_TIMEOUT", "2")
    monkeypatch.setenv("PAPERFEED_RETRIES", "0")
    started = time.monotonic()

    status, _, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 1
    assert "(no complete answer within 2 s) after 1 try" in err
    # The deadline is 2 s; the trickle alone would take 30 s.
    assert time.monotonic() - started < 3 * 2


def test_an_answer_past_the_size_cap_fails_without_being_retried(hostile, run, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", hostile("send a gzip bomb"))

    status, _, err = run("hf", "--date", DAY, "--no-enrich")

    assert status == 1
    assert "(answer larger than 50 MB) after 1 try" in err
