"""``commit-calc games`` and ``commit-calc show``."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import assert_clean_error, run


def test_games_lists_the_catalog_one_line_each():
    from commit_calc.io.catalog import list_games

    result = run("games")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    entries = list_games()
    assert len(lines) == len(entries)
    names = [line.split()[0] for line in lines]
    assert names == [name for name, _, _ in entries]
    assert "enforcer-reliability" in names


def test_every_catalog_game_can_be_shown():
    from commit_calc.io.catalog import list_games

    for name, title, _ in list_games():
        result = run("show", name)
        assert result.exit_code == 0, (name, result.stderr)
        assert result.stdout.startswith(f"{title} ({name})") if title else name in result.stdout


def test_show_tree(enforcer_file: Path):
    result = run("show", str(enforcer_file))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["Toy enforcer (toy-enforcer)", "",
                                              "Players: Rebels, Regime"]
    assert "r     3/4 (0.75)  [0, 1]  probability  chance the enforcer is reliable" in (
        result.stdout)
    assert "    Disarm -> enforcer: chance" in result.stdout
    assert "      Unreliable (1 - r) -> regime: Regime moves" in result.stdout
    assert "        Renege -> reneged: 0, 4" in result.stdout


def test_show_table(bos_file: Path):
    result = run("show", str(bos_file))
    assert result.exit_code == 0, result.stderr
    assert "  Ann \\ Bob  Opera  Football" in result.stdout
    assert "  Opera      b, 1   0, 0" in result.stdout


def test_show_default_is_the_enforcer_game():
    result = run("show")
    assert result.exit_code == 0, result.stderr
    assert "(enforcer-reliability)" in result.stdout.splitlines()[0]
    assert "Parameters" in result.stdout


def test_show_bad_input(tmp_path: Path):
    assert_clean_error(run("show", "no-such-game"), code=1, names="no-such-game")
    assert_clean_error(run("show", str(tmp_path / "gone.efg")), code=1, names="gone.efg")


def test_help_has_examples():
    assert "$ commit-calc games" in run("games", "--help").stdout
    assert "$ commit-calc show" in run("show", "--help").stdout
