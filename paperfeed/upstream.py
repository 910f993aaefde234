"""HTTP access to the upstream APIs: one session, deadlines, size caps, retries, arXiv pacing;
and the calendar day of an upstream timestamp (`as_date`).
"""

from __future__ import annotations

import datetime
import email.utils
import http.client
import io
import math
import os
import re
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.connection
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

USER_AGENT = f"paperfeed/1 (research-paper feed site generator) requests/{requests.__version__}"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BACKOFF = 60.0
MAX_RETRY_AFTER = 600.0
"""A `Retry-After` longer than this (seconds) is not waited out: the run fails instead."""
MAX_ANSWER_BYTES = 50_000_000
"""The largest answer taken, counted after decompression (a day's list is about 100 kB, 2,000
arXiv entries about 6 MB); a larger one is a failure, so a compressed bomb cannot fill memory."""
MAX_SECONDS = 86_400.0
"""The longest timeout or delay a setting may ask for (a day)."""
MAX_RETRIES = 100
CHUNK_BYTES = 65_536
_WHITESPACE = re.compile(r"\s")


class UpstreamError(Exception):
    """An upstream or network failure; the message is the one line shown to the user."""


@dataclass(frozen=True)
class Settings:
    """Where the upstreams are and how patiently to ask them."""

    hf_endpoint: str = "https://huggingface.co"
    arxiv_api: str = "https://export.arxiv.org/api/query"
    arxiv_delay: float = 3.0
    timeout: float = 30.0
    retries: int = 3

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Settings from `HF_ENDPOINT`, `PAPERFEED_ARXIV_API`, `PAPERFEED_ARXIV_DELAY`,
        `PAPERFEED_TIMEOUT` and `PAPERFEED_RETRIES`; ValueError names a bad one."""
        defaults = cls()
        return cls(
            hf_endpoint=_base_url(env, "HF_ENDPOINT", defaults.hf_endpoint),
            arxiv_api=_base_url(env, "PAPERFEED_ARXIV_API", defaults.arxiv_api),
            arxiv_delay=_number(env, "PAPERFEED_ARXIV_DELAY", defaults.arxiv_delay),
            timeout=_number(env, "PAPERFEED_TIMEOUT", defaults.timeout, positive=True),
            retries=int(_number(env, "PAPERFEED_RETRIES", defaults.retries, whole=True)),
        )


def _base_url(env: Mapping[str, str], name: str, default: str) -> str:
    text = env.get(name)
    if not text:
        return default
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = urlsplit("")
    if _WHITESPACE.search(text) or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{name}={text!r} is not an http(s) address with a host, like https://example.org"
        )
    return text


def _number(
    env: Mapping[str, str],
    name: str,
    default: float,
    *,
    positive: bool = False,
    whole: bool = False,
) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = math.nan
    least = "> 0" if positive else ">= 0"
    most = MAX_RETRIES if whole else MAX_SECONDS
    if not (0 <= value <= most) or (positive and value == 0):
        kind = "a whole number" if whole else "a number of seconds"
        raise ValueError(f"{name}={text!r} is not {kind} {least} and at most {most:g}")
    return value


class Client:
    """GETs with a deadline and a size cap on every call, and retries for 429/5xx and network
    errors.

    A request has `timeout` seconds in all, from connecting to the last byte: every socket
    read waits at most the time left, so a server trickling bytes cannot hold the fetch. Its
    answer may be at most MAX_ANSWER_BYTES once decompressed. Retries wait `Retry-After`
    when the server sends it, else an exponential backoff (1 s, 2 s, 4 s ...). Requests marked
    `paced` (arXiv) are spaced `arxiv_delay` seconds apart, retries included, over the one
    keep-alive connection of the session.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._last_paced: float | None = None
        self._deadline = _Deadline()
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        adapter = _deadline_adapter(self._deadline)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def close(self) -> None:
        """Close the connection."""
        self._session.close()

    def get(
        self, url: str, params: Mapping[str, str | int], *, what: str, paced: bool = False
    ) -> bytes:
        """The body of a successful GET; UpstreamError after the last failed try.

        `what` names the request for the user ("Hugging Face list of 2026-06-12").
        """
        tries = self.settings.retries + 1
        for attempt in range(1, tries + 1):
            if paced:
                self._wait_for_pace()
            try:
                return self._try(url, params)
            except _Failure as error:
                failure = error
            finally:
                if paced:
                    self._last_paced = time.monotonic()
            if attempt == tries or failure.wait is None:
                break
            if failure.wait > MAX_RETRY_AFTER:
                failure.reason += f", and the server asks to wait {failure.wait:.0f} s"
                break
            backoff = min(2.0 ** (attempt - 1), MAX_BACKOFF)
            time.sleep(failure.wait if failure.wait >= 0 else backoff)
        raise UpstreamError(
            f"{what}: GET {_full_url(url, params)} failed ({failure.reason}) after {attempt} "
            f"{'try' if attempt == 1 else 'tries'}; check the network or the upstream's status "
            "and run the fetch again"
        )

    def _try(self, url: str, params: Mapping[str, str | int]) -> bytes:
        timeout = self.settings.timeout
        self._deadline.at = time.monotonic() + timeout
        try:
            with self._session.get(url, params=params, timeout=timeout, stream=True) as response:
                if response.ok:
                    return self._body(response)
                reason = f"HTTP {response.status_code} {response.reason or ''}".strip()
                if response.status_code not in RETRY_STATUSES:
                    raise _Failure(reason, None)
                wait = _retry_after(response.headers.get("Retry-After"), time.time())
                raise _Failure(reason, wait)
        except requests.RequestException as error:
            if isinstance(error, requests.Timeout) or self._deadline.left() <= 0:
                raise self._late() from None
            raise _Failure(_network_failure(error), -1) from None

    def _body(self, response: requests.Response) -> bytes:
        """The decompressed body, read in chunks: a failure once it passes the size cap or
        the deadline."""
        chunks = []
        size = 0
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise _Failure(f"answer larger than {MAX_ANSWER_BYTES / 1e6:g} MB", None)
            if self._deadline.left() <= 0:
                raise self._late()
            chunks.append(chunk)
        return b"".join(chunks)

    def _late(self) -> _Failure:
        return _Failure(f"no complete answer within {self.settings.timeout:g} s", -1)

    def _wait_for_pace(self) -> None:
        if self._last_paced is None:
            return
        remaining = self._last_paced + self.settings.arxiv_delay - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)


class _Deadline:
    """When the request under way must be complete, in time.monotonic() seconds."""

    def __init__(self) -> None:
        self.at = 0.0

    def left(self) -> float:
        """Seconds left before the deadline (0 or less once it has passed)."""
        return self.at - time.monotonic()


class _DeadlineReader(io.RawIOBase):
    """The reading end of a socket whose every read waits at most until the deadline."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self._sock = sock
        self._reader = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        left = self._deadline.left()
        if left <= 0:
            raise TimeoutError("the request's deadline has passed")
        self._sock.settimeout(left)
        return self._reader.readinto(buffer)

    def close(self) -> None:
        self._reader.close()
        super().close()


class _DeadlineSocket:
    """What http.client's response needs of a socket (`makefile`), read under a deadline."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "rb") -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))


def _deadline_adapter(deadline: _Deadline) -> HTTPAdapter:
    """A requests adapter whose connections read status line, headers and body under
    `deadline` (a read timeout alone bounds each read, not the request)."""

    class Response(http.client.HTTPResponse):
        def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
            # http.client reads a response only through its socket's makefile().
            super().__init__(_DeadlineSocket(sock, deadline), *args, **kwargs)  # type: ignore[arg-type]

    class Connection(urllib3.connection.HTTPConnection):
        response_class = Response

    class SecureConnection(urllib3.connection.HTTPSConnection):
        response_class = Response

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = SecureConnection

    pools = {"http": Pool, "https": SecurePool}

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
            manager = super().proxy_manager_for(proxy, **kwargs)
            manager.pool_classes_by_scheme = pools
            return manager

    return Adapter()


class _Failure(Exception):
    """One failed try: why, and how long to wait before the next (-1: back off; None: the
    request cannot succeed by retrying)."""

    def __init__(self, reason: str, wait: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _retry_after(value: str | None, now: float) -> float:
    """Seconds a `Retry-After` header asks to wait (delta or HTTP date), -1 when absent."""
    if not value:
        return -1
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return -1
    return max(0.0, when.timestamp() - now)


_NETWORK_FAILURES = (
    ("NameResolution", "host name not resolved"),
    ("Connection refused", "connection refused"),
    ("IncompleteRead", "answer cut off"),
    ("RemoteDisconnected", "connection closed without an answer"),
    ("SSLError", "TLS failure"),
)


def _network_failure(error: requests.RequestException) -> str:
    """A short reason for a network error (requests' own messages repeat the URL)."""
    text = f"{type(error).__name__} {error}"
    return next((reason for key, reason in _NETWORK_FAILURES if key in text), type(error).__name__)


def _full_url(url: str, params: Mapping[str, str | int]) -> str:
    return requests.Request("GET", url, params=params).prepare().url or url


def as_date(text: object) -> datetime.date | None:
    """The calendar day of an ISO 8601 timestamp as the upstreams send it (`2026-06-12T...`),
    or None when there is none."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
