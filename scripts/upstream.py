"""HTTP access to the upstream APIs: one session, timeouts, retries, arXiv pacing.

(Not named `http.py`: `python scripts/fetch.py` puts `scripts/` first on `sys.path`, where
such a name would hide the standard library's `http` package.)
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass

import requests

USER_AGENT = f"paperfeed/1 (research-paper feed site generator) requests/{requests.__version__}"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BACKOFF = 60.0
MAX_RETRY_AFTER = 600.0
"""A `Retry-After` longer than this (seconds) is not waited out: the run fails instead."""


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
            hf_endpoint=env.get("HF_ENDPOINT") or defaults.hf_endpoint,
            arxiv_api=env.get("PAPERFEED_ARXIV_API") or defaults.arxiv_api,
            arxiv_delay=_number(env, "PAPERFEED_ARXIV_DELAY", defaults.arxiv_delay),
            timeout=_number(env, "PAPERFEED_TIMEOUT", defaults.timeout, positive=True),
            retries=int(_number(env, "PAPERFEED_RETRIES", defaults.retries, whole=True)),
        )


def _number(
    env: Mapping[str, str], name: str, default: float, *, positive=False, whole=False
) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = -1
    if value < 0 or (positive and value == 0):
        kind = "a whole number" if whole else "a number of seconds"
        raise ValueError(f"{name}={text!r} is not {kind} ({'> 0' if positive else '>= 0'})")
    return value


class Client:
    """GETs with a timeout on every call and retries for 429/5xx and network errors.

    Retries wait `Retry-After` when the server sends it, else an exponential backoff
    (1 s, 2 s, 4 s ...). Requests marked `paced` (arXiv) are spaced `arxiv_delay` seconds
    apart, retries included, over the one keep-alive connection of the session.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._last_paced: float | None = None
        self._session = requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT

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
        try:
            response = self._session.get(url, params=params, timeout=self.settings.timeout)
        except requests.Timeout:
            raise _Failure(f"no answer within {self.settings.timeout:g} s", -1) from None
        except requests.RequestException as error:
            raise _Failure(_network_failure(error), -1) from None
        if response.ok:
            return response.content
        reason = f"HTTP {response.status_code} {response.reason or ''}".strip()
        if response.status_code not in RETRY_STATUSES:
            raise _Failure(reason, None)
        raise _Failure(reason, _retry_after(response.headers.get("Retry-After"), time.time()))

    def _wait_for_pace(self) -> None:
        if self._last_paced is None:
            return
        remaining = self._last_paced + self.settings.arxiv_delay - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)


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
