"""Where things live: a scratch config keeps the app's remembered state beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from improve.paths import config_file, default_store, state_file


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("IMPROVE_DB", str(tmp_path / "s.json"))
    monkeypatch.setenv("IMPROVE_CONFIG", str(tmp_path / "conf" / "config.toml"))
    monkeypatch.delenv("IMPROVE_STATE", raising=False)
    assert default_store() == tmp_path / "s.json"
    assert config_file() == tmp_path / "conf" / "config.toml"
    assert state_file() == tmp_path / "conf" / "state.json"
    monkeypatch.setenv("IMPROVE_STATE", str(tmp_path / "st.json"))
    assert state_file() == tmp_path / "st.json"
