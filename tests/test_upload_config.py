"""Production settings in .streamlit/config.toml: privacy and what viewers see of errors and the toolbar."""

from __future__ import annotations

import tomllib

import pytest
from streamlit import config

from lib.domain import paths

CONFIG = paths.ROOT / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def settings() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_usage_statistics_are_off(settings: dict) -> None:
    assert settings["browser"]["gatherUsageStats"] is False


def test_errors_show_their_type_but_no_message_traceback_or_server_path(settings: dict) -> None:
    # "type": exception type and a generic message in the browser; message and traceback only in the log.
    assert settings["client"]["showErrorDetails"] == "type"


def test_viewers_get_no_deploy_button_or_developer_menu(settings: dict) -> None:
    assert settings["client"]["toolbarMode"] == "viewer"


def test_streamlit_reads_these_settings_from_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(paths.ROOT)  # Streamlit reads ./.streamlit/config.toml, as `streamlit run app.py` does
    try:
        config.get_config_options(force_reparse=True, options_from_flags={})
        assert config.get_option("browser.gatherUsageStats") is False
        assert config.get_option("client.showErrorDetails") == "type"
        assert config.get_option("client.toolbarMode") == "viewer"
    finally:
        config.get_config_options(force_reparse=True)
