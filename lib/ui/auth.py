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
