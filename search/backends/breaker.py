"""A circuit breaker per search cluster, shared by the whole process.

Without it, a cluster that accepts connections but never answers costs every search its full
timeout, and the workers pile up. After one failure the engine is marked down for
`SEARCH_ENGINE_RETRY_AFTER` seconds: searches go straight to the database engine. Then one
request (only one, whichever thread comes first) tries the cluster again; success closes the
breaker, failure opens it for another period.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings


@dataclass
class CircuitBreaker:
    name: str
    opened_at: float | None = None  # time.monotonic() of the last failure; None = closed
    reason: str = ""
    failures: int = 0
    _trial: bool = False  # one request is trying the cluster again
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def retry_after(self) -> float:
        return float(getattr(settings, "SEARCH_ENGINE_RETRY_AFTER", 30))

    def allow(self) -> bool:
        """May this request ask the cluster? True while closed, and for one trial request
        once the down period is over."""
        with self._lock:
            if self.opened_at is None:
                return True
            if self._trial or time.monotonic() - self.opened_at < self.retry_after:
                return False
            self._trial = True
            return True

    def succeeded(self) -> None:
        with self._lock:
            self.opened_at, self.reason, self._trial = None, "", False

    def failed(self, reason: str) -> None:
        with self._lock:
            self.opened_at, self.reason, self._trial = time.monotonic(), reason, False
            self.failures += 1

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None

    def state(self) -> dict:
        if self.opened_at is None:
            return {"state": "up"}
        down_for = time.monotonic() - self.opened_at
        return {
            "state": "down",
            "reason": self.reason[:200],
            "retry_in": max(0, round(self.retry_after - down_for, 1)),
        }


_BREAKERS: dict[str, CircuitBreaker] = {}
_LOCK = threading.Lock()


def breaker_for(name: str) -> CircuitBreaker:
    """The one breaker of the cluster `name` (its URL) in this process."""
    with _LOCK:
        if name not in _BREAKERS:
            _BREAKERS[name] = CircuitBreaker(name)
        return _BREAKERS[name]


def reset_breakers() -> None:
    """Close every breaker (tests)."""
    with _LOCK:
        _BREAKERS.clear()
