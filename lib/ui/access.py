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


def sign_in_editor(name: str, password: str) -> bool:
    """Check the editor password; on success remember `name` as this session's editor."""
    failures = int(st.session_state.get("_editor_failures", 0))
    if failures >= 5:
        import time

        time.sleep(min(2.0 * (failures - 4), 10.0))  # slow down guessing
    stored = editor_password_hash()
    if stored and name.strip() and auth.verify_password(password, stored):
        st.session_state["editor_name"] = name.strip()
        st.session_state["_editor_failures"] = 0
        return True
    st.session_state["_editor_failures"] = failures + 1
    return False


def sign_out_editor() -> None:
    st.session_state.pop("editor_name", None)
    if oidc_configured() and st.user.get("is_logged_in"):
        st.logout()


def oidc_sign_in() -> None:
    st.login()
