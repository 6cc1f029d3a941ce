"""``commit-calc explore``: where the page goes, and one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli


def test_default_output_is_the_game_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["explore", "kreps-trust"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "wrote kreps-trust.html"
    page = (tmp_path / "kreps-trust.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-role="outcome"' in page
    assert [p.name for p in tmp_path.iterdir()] == ["kreps-trust.html"]  # no temporary left


def test_dash_writes_standard_output() -> None:
    result = CliRunner().invoke(cli, ["explore", "stag-hunt", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stderr == ""


def test_set_fixes_a_parameter(tmp_path: Path) -> None:
    target = tmp_path / "lesson.html"
    result = CliRunner().invoke(cli, ["explore", "enforcer-reliability", "--set",
                                      "reliability=3/4", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert '["reliability", "3/4"]' in page  # listed as fixed
    assert '"name": "reliability"' not in page  # and no slider for it


@pytest.mark.parametrize(("arguments", "code", "words"), [
    (["explore", "enforcer-reliability", "--set", "reliability=2"], 1, "above its upper bound"),
    (["explore", "enforcer-reliability", "--set", "nosuch=2"], 1, "nosuch"),
    (["explore", "no-such-game"], 1, "no game of that name"),
    (["explore", "kreps-trust", "-o", "/no/such/folder/x.html"], 1, "does not exist"),
    (["explore", "kreps-trust", "--concept", "best"], 2, "--concept"),
])
def test_bad_input_is_one_line(arguments: list[str], code: int, words: str) -> None:
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == code
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
