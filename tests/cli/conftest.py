"""Fixtures for the command-line tests: game files in ``tmp_path``, read by the real loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import BOS_TOML, ENFORCER_TOML


@pytest.fixture
def enforcer_file(tmp_path: Path) -> Path:
    path = tmp_path / "toy-enforcer.toml"
    path.write_text(ENFORCER_TOML, encoding="utf-8")
    return path


@pytest.fixture
def bos_file(tmp_path: Path) -> Path:
    path = tmp_path / "bos.toml"
    path.write_text(BOS_TOML, encoding="utf-8")
    return path
