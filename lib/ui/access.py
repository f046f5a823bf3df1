"""Streamlit glue for access: which editor is signed in, by password or OIDC (`st.login`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.ui import auth


def _secret(section: str, key: str) -> Any:
    """Return `st.secrets[section][key]`, or None when there is no secrets file or no such key."""
    try:
        return st.secrets[section][key]
    except Exception:  # noqa: BLE001 - no secrets.toml raises; a missing key raises KeyError
        return None


def oidc_configured() -> bool:
    """True when Streamlit's `st.login` has an OIDC provider configured (`[auth]` in secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001
        return False


def editor_password_hash() -> str | None:
    """The editor password hash from secrets (`[papi] editor_password_hash`) or `PAPI_EDITOR_PASSWORD_HASH`."""
    return auth.configured_hash(_secret("papi", "editor_password_hash"))


def editor_configured() -> bool:
    """True when some way of signing in as an editor is configured."""
    return oidc_configured() or editor_password_hash() is not None


def current_editor() -> str | None:
    """Return the signed-in editor's name (or e-mail), or None for a viewer."""
    if oidc_configured():
        user = st.user
        if user.get("is_logged_in") and auth.is_editor_email(user.get("email"), _secret("papi", "editor_emails")):
            return str(user.get("email"))
    if editor_password_hash() is None:
        return None
    return st.session_state.get("editor_name")


# One throttle for the whole server: failures count per editor name and per client address, across sessions.
THROTTLE = auth.Throttle()


def client_address() -> str | None:
    """The client's IP address (`st.context.ip_address`); None locally or when Streamlit cannot tell."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a session (tests) there is no context
        return None
    return str(address) if address else None


def sign_in_editor(name: str, password: str) -> tuple[bool, float]:
    """Check the editor password; on success remember `name` as this session's editor.

    Returns (signed in, seconds to wait).  While the name or the client address
    has failed too often (`THROTTLE`, shared by every session) the password is
    not checked at all and the wait is returned.
    """
    keys = auth.throttle_keys(name, client_address())
    wait = THROTTLE.wait(keys)
    if wait > 0:
        return False, wait
    stored = editor_password_hash()
    if stored and name.strip() and auth.verify_password(password, stored):
        st.session_state["editor_name"] = name.strip()
        THROTTLE.succeeded(keys)
        return True, 0.0
    THROTTLE.failed(keys)
    return False, THROTTLE.wait(keys)


def sign_out_editor() -> None:
    st.session_state.pop("editor_name", None)
    if oidc_configured() and st.user.get("is_logged_in"):
        st.logout()


def oidc_sign_in() -> None:
    st.login()
