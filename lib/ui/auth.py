"""Who may write: the editor check, without Streamlit.

An editor is whoever knows the editor password.  Only a salted scrypt hash of
it is configured, in Streamlit secrets (`[papi] editor_password_hash`, read by
`lib/ui.py`) or in the environment variable `PAPI_EDITOR_PASSWORD_HASH`.
Make a hash with

    python -m lib.auth hash

With nothing configured there is no editor and the write actions stay off.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterable

ENV_HASH = "PAPI_EDITOR_PASSWORD_HASH"
SCHEME = "scrypt"
# scrypt cost: 2**14 x 8 x 1 takes ~50 ms and 16 MB, enough for an interactive login.
N, R, P = 2**14, 8, 1


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, salt: bytes | None = None) -> str:
    """Return "scrypt$N$r$p$salt$hash" for `password` with a random 16-byte salt."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Return True if `password` matches the configured hash `stored`; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, expected = stored.strip().split("$")
        if scheme != SCHEME:
            return False
        n_i, r_i, p_i = int(n), int(r), int(p)
        if n_i > 2**20 or r_i > 32 or p_i > 16:  # refuse hashes that would take minutes to check
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=_unb64(salt), n=n_i, r=r_i, p=p_i,
                                dklen=len(_unb64(expected)), maxmem=2**27)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, _unb64(expected))


def configured_hash(from_secrets: str | None = None) -> str | None:
    """Return the editor password hash: from Streamlit secrets if given, else from the environment."""
    for value in (from_secrets, os.environ.get(ENV_HASH)):
        if value and value.strip():
            return value.strip()
    return None


def is_editor_email(email: str | None, allowed: list[str] | tuple[str, ...] | None) -> bool:
    """Return True if a signed-in (OIDC) user's e-mail is on the configured editor list."""
    if not email or not allowed:
        return False
    return email.strip().lower() in {a.strip().lower() for a in allowed}


class Throttle:
    """Failed sign-ins counted per key (an editor name, a client address) for the whole server process.

    After `free` failures of a key within `window` seconds, each further attempt
    with that key is refused until a wait has passed: `base` seconds, doubling
    with every failure, at most `cap`.  A refused attempt is not checked at all,
    so opening more browser tabs or sessions gives no more tries.  Thread-safe.
    """

    def __init__(self, free: int = 5, base: float = 2.0, cap: float = 300.0, window: float = 900.0,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000) -> None:
        self.free, self.base, self.cap, self.window = free, base, cap, window
        self.clock, self.max_keys = clock, max_keys
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures, time of the last one)

    def _forget_old(self, now: float) -> None:
        for key in [k for k, (_, last) in self._failures.items() if now - last > self.window]:
            del self._failures[key]
        while len(self._failures) >= self.max_keys:  # many made-up names: drop the oldest
            del self._failures[min(self._failures, key=lambda k: self._failures[k][1])]

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds before an attempt with any of `keys` may be checked (0 when it may be now)."""
        with self._lock:
            now = self.clock()
            longest = 0.0
            for key in keys:
                count, last = self._failures.get(key, (0, now))
                if count >= self.free and now - last <= self.window:
                    delay = min(self.base * 2 ** (count - self.free), self.cap)
                    longest = max(longest, last + delay - now)
            return max(0.0, longest)

    def failed(self, keys: Iterable[str]) -> None:
        with self._lock:
            now = self.clock()
            self._forget_old(now)
            for key in keys:
                count, _ = self._failures.get(key, (0, now))
                self._failures[key] = (count + 1, now)

    def succeeded(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


def throttle_keys(name: str, address: str | None) -> list[str]:
    """The keys a sign-in attempt is counted under: the editor name (case and spacing ignored) and the address."""
    keys = ["name:" + " ".join(name.split()).casefold()]
    if address:
        keys.append("address:" + address)
    return keys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["hash"]:
        print("usage: python -m lib.auth hash", file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        password = getpass.getpass("Editor password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("Use at least 8 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
