"""The fast one-node-per-line ``.efg`` reader reads exactly what the general, token-by-token
reader reads: the same game (nodes, numbers and their types, information sets) or, where the
text is wrong, the same one-line error, since it hands anything doubtful to the general one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commit_calc.errors import GameFileError
from commit_calc.io import load_game
from commit_calc.io.catalog import names
from commit_calc.io.gambit import format_efg, parse_efg
from commit_calc.io.gambit_efg import parse_efg_tokens
from commit_calc.io.gambit_efg_lines import read_efg_lines
from commit_calc.model import ExtensiveFormGame

R = sympy.Rational


def _reading(read, text: str) -> tuple[object, ...]:
    """What a reader makes of ``text``: the game's every part, or the error message."""
    try:
        game = read(text, source="g.efg", name="g")
    except GameFileError as error:
        return ("error", str(error))
    numbers = tuple(tuple((type(x).__name__, x) for x in row) for row in game.exact_numbers)
    return ("game", game.players, game.title, game.description, game.nodes, game.infosets,
            numbers)


def _same(text: str) -> bool:
    return _reading(parse_efg, text) == _reading(parse_efg_tokens, text)


def _tree_games() -> list[str]:
    return [name for name in names() if isinstance(load_game(name), ExtensiveFormGame)]


@pytest.mark.parametrize("name", _tree_games())
def test_catalog_trees_take_the_fast_path_and_read_the_same(name):
    text = format_efg(load_game(name))
    assert read_efg_lines(text) is not None
    assert _same(text)


def _gambit_trees() -> list[Path]:
    try:
        import pygambit
    except ImportError:
        return []
    return sorted((Path(pygambit.__file__).parent / "catalog_data").rglob("*.efg"))


@pytest.mark.parametrize("path", _gambit_trees(), ids=lambda p: p.stem)
def test_gambit_test_games_read_the_same_by_both_readers(path):
    """Gambit's own files (its layout, outcomes on inner nodes, reused information sets)."""
    assert _same(path.read_text())


def random_efg(rng: random.Random) -> str:
    """A small random ``.efg`` text in Gambit's lenient syntax, one node per line, with
    reused outcomes and information sets, outcomes on inner nodes and mixed number forms."""
    players = rng.choice((["A", "B"], ["A", "B", "C"], ["A", "A"]))
    infosets: dict[int, list[tuple[int, int]]] = {}
    outcomes: list[int] = []
    lines = ['EFG 2 R "t" { ' + " ".join(f'"{p}"' for p in players) + " }",
             rng.choice(("", '"about\nthis"'))]

    def number() -> str:
        return rng.choice((str(rng.randint(-9, 9)), f"{rng.randint(-9, 9)}/{rng.randint(1, 4)}",
                           f".{rng.randint(0, 9)}", f"{rng.randint(0, 3)}e{rng.randint(-2, 2)}",
                           "1.5", "+2", "0/1"))

    def label() -> str:
        return rng.choice(("", "x", "y", 'q\\"q', "n1", "t1"))

    def outcome() -> str:
        choice = rng.random()
        if choice < 0.3:
            return "0"
        if choice < 0.45 and outcomes:
            return str(rng.choice(outcomes))
        outcomes.append(len(outcomes) + 1)
        separator = rng.choice((" ", ", ", ",", "\t"))
        payoffs = separator.join(number() for _ in players)
        return f'{outcomes[-1]} "{label()}" {{ {payoffs} }}'

    def node(depth: int) -> None:
        if depth >= 3 or rng.random() < 0.3:
            lines.append(f't "{label()}" {outcome()}')
            return
        if rng.random() < 0.2:
            law = rng.choice((("1/2", "1/2"), (".25", "3/4"), ("1/3", "1/3", "1/3"), ("1", "0")))
            moves = " ".join(f'"c{k}" {p}' for k, p in enumerate(law))
            lines.append(f'c "{label()}" {rng.randint(1, 2)} "" {{ {moves} }} {outcome()}')
            width = len(law)
        else:
            player = rng.randint(1, len(players))
            known = infosets.setdefault(player, [])
            if known and rng.random() < 0.4:
                number_, width = rng.choice(known)
                moves = "" if rng.random() < 0.5 else (
                    f' "I{number_}" {{ ' + " ".join(f'"a{k}"' for k in range(width)) + " }")
            else:
                width = rng.choice((1, 2, 3))
                number_ = len(known) + 1
                known.append((number_, width))
                moves = f' "I{number_}" {{ ' + " ".join(f'"a{k}"' for k in range(width)) + " }"
            lines.append(f'p "{label()}" {player} {number_}{moves} {outcome()}')
        for _ in range(width):
            node(depth + 1)

    node(0)
    return "\n".join(lines) + rng.choice(("\n", "", "\n\n  \n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), edits=st.integers(0, 2))
def test_random_texts_and_their_corruptions_read_the_same(rng, edits):
    """Valid texts, and texts with characters deleted or inserted (errors), give the same
    game or the same error message by either reader."""
    text = random_efg(rng)
    if not edits and _reading(parse_efg_tokens, text)[0] == "game":
        assert read_efg_lines(text) is not None  # the layout is the fast reader's
    for _ in range(edits):
        where = rng.randrange(len(text) + 1)
        if rng.random() < 0.5:
            text = text[:where] + text[where + 1:]
        else:
            text = text[:where] + rng.choice(' ,{}"\n\t0-/.e+pt\\') + text[where:]
    assert _same(text)


def test_the_fast_path_reads_gambits_own_layout():
    """Outcomes reused, an information set's actions omitted the second time."""
    text = ('EFG 2 R "g" { "A" "B" }\n""\n\np "" 1 1 "I" { "L" "R" } 0\n'
            't "" 1 "o" { 1, 2 }\np "" 2 1 "J" { "l" "r" } 0\nt "" 1\nt "" 2 "" { 1/2 .5 }\n')
    assert read_efg_lines(text) is not None
    game = parse_efg(text)
    assert [node.payoffs for node in game.terminal_nodes()] == [(1, 2), (1, 2), (R(1, 2), R(1, 2))]
    assert _same(text)
