"""Bounded work: games too large for a page are refused with the limit named; the Jupyter
view keeps the page inside a sandboxed frame."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.errors import UnsupportedGameError
from commit_calc.explore import compile as compiled
from commit_calc.explore import explore
from commit_calc.explore.data import MAX_LEAVES
from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, Terminal


def _wide_tree(leaves: int) -> ExtensiveFormGame:
    return ExtensiveFormGame.build(players=("A",), root=Decision(
        "A", {f"a{i}": Terminal((i,)) for i in range(leaves)}), name="wide")


def test_a_tree_too_large_to_draw_is_refused() -> None:
    explore(_wide_tree(MAX_LEAVES))  # the limit itself is fine
    with pytest.raises(UnsupportedGameError, match=f"more than the {MAX_LEAVES}"):
        explore(_wide_tree(MAX_LEAVES + 1))


def test_a_node_with_many_actions_gets_the_grid_in_bounded_time() -> None:
    """The exact regions' case split grows as 2**actions (20 actions: 15 s); past
    MAX_ACTIONS the page is built from solve at the grid points instead, and says why."""
    from commit_calc.explore.data import MAX_ACTIONS, page_data

    data = page_data(_wide_tree(MAX_ACTIONS + 1))
    assert data["mode"] == "grid"
    assert any(f"more than the {MAX_ACTIONS}" in note for note in data["notes"])
    assert data["equilibria"][0]["outcome"] == f"a{MAX_ACTIONS}"


def test_formulas_too_large_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "MAX_MONOMIALS", 50)
    with pytest.raises(UnsupportedGameError, match="more than 50 terms"):
        explore(load_game("enforcer-reliability"))


def test_the_refusal_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    game = tmp_path / "wide.json"
    from commit_calc.io import write_game

    write_game(_wide_tree(MAX_LEAVES + 1), game)
    result = CliRunner().invoke(cli, ["explore", str(game), "-o", "-"])
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "500" in result.stderr


def test_jupyter_view_is_a_sandboxed_frame() -> None:
    page = explore(load_game("kreps-trust"))
    shown = page._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in shown
    assert "<script" not in shown  # the page is inside the attribute, escaped
    assert html.unescape(shown.split('srcdoc="', 1)[1].split('" sandbox', 1)[0]) == page.html


def test_regions_slower_than_the_budget_give_the_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regions that take more processor time than REGION_SECONDS are given up: the page
    uses the grid at once and says why."""
    from commit_calc.explore import data as explore_data

    def endless(*arguments: object) -> None:
        while True:
            pass

    monkeypatch.setattr(explore_data, "regions_of", endless)
    monkeypatch.setattr(explore_data, "REGION_SECONDS", 0.2)
    data = explore_data.page_data(load_game("kreps-trust"))
    assert data["mode"] == "grid" and data["equilibria"][0]["outcome"] == "No trust"
    assert any("more than 0.2 s" in note for note in data["notes"])


def test_pbe_pages_carry_beliefs() -> None:
    result = CliRunner().invoke(cli, ["explore", "beer-quiche", "--concept", "pbe", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert '"beliefs": [[' in result.stdout and "Bayes" not in result.stderr


def test_cpu_time_limit_that_falls_in_a_garbage_collection_is_not_lost() -> None:
    """A collection callback (hypothesis installs one) that runs past the limit: raised there,
    the exception would be reported as unraisable and the step would run on; it must come
    out of the block instead, and nothing be reported as unraisable."""
    import gc
    import sys
    import time

    from commit_calc.explore.time_limit import OutOfTime, cpu_time_limit

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        end = time.process_time() + 0.2
        while time.process_time() < end:
            pass

    lost: list[object] = []
    previous_hook = sys.unraisablehook
    sys.unraisablehook = lost.append
    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(OutOfTime), cpu_time_limit(0.05):
            gc.collect()
            give_up = time.process_time() + 3
            while time.process_time() < give_up:  # the limit must still end the step
                pass
    finally:
        gc.callbacks.remove(slow_callback)
        sys.unraisablehook = previous_hook
    assert lost == []
