"""Hostile and malformed input is refused quickly with a one-line GameFileError.

Each case runs in a fraction of a second; a hang or a Python error (not GameFileError) fails.
"""

from __future__ import annotations

import json
import time

import pytest

from commit_calc.errors import GameFileError
from commit_calc.io import load_game
from commit_calc.io.gambit import parse_efg, parse_nfg
from commit_calc.io.game_file import MAX_FILE_BYTES, parse_game_text

HEAD = 'players = ["A"]\n[parameters]\nx = 1\n[nodes.a]\npayoffs = ['


def _refused(text: str, syntax: str = "toml") -> str:
    start = time.perf_counter()
    with pytest.raises(GameFileError) as info:
        parse_game_text(text, syntax=syntax, source="hostile.toml")
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert "\n" not in message and message.startswith("hostile.toml")
    return message


@pytest.mark.parametrize(("formula", "reason"), [
    ("9**9**9", "exponent 387420489 is larger than 64"),
    ("x**1000000", "exponent 1000000 is larger than 64"),
    ("2**64**2", "larger than 64"),
    ("(" * 200 + "x" + ")" * 200, "too many parentheses"),
    ("-" * 500 + "x", "nested deeper than"),
    ("x+" * 1500 + "x", "longer than 2000"),
    ("__import__('os').system('true')", "calls are limited to min and max"),
    ("x.__class__", "Attribute is not allowed"),
    ("(lambda: 1)()", "calls are limited to min and max"),
    ("[1, 2]", "List is not allowed"),
    ("'a' * 10", "is not a number"),
    ("x if x else 1", "IfExp is not allowed"),
    ("1e999999", "a decimal exponent beyond 300 is too large"),
    ("1e-999999", "a decimal exponent beyond 300 is too large"),
    ("1" * 100, "more than 60 digits"),
    ("x // 2", "operator FloorDiv is not allowed"),
    ("x / 0", "division by zero"),
])
def test_hostile_formulas(formula, reason):
    message = _refused(HEAD + json.dumps(formula) + "]")
    assert reason in message


def test_refuses_big_files_before_parsing(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    start = time.perf_counter()
    with pytest.raises(GameFileError, match=f"larger than the {MAX_FILE_BYTES}-byte limit"):
        load_game(str(path))
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(("text", "syntax"), [
    ("a = " + "[" * 100_000 + "]" * 100_000, "toml"),
    ("x = { " * 20_000 + "}" * 20_000, "toml"),
    ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "json"),
    ("a = 1" + "0" * 100_000, "toml"),
    ("players = [\"A\"]\n[nodes.a]\npayoffs = [1" + "0" * 5000 + "]", "toml"),
    ("\0\1\2", "toml"),
    ("[1, 2]", "json"),
])
def test_toml_and_json_bombs(text, syntax):
    _refused(text, syntax)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'players = ["Jos\xe9"]\n')
    with pytest.raises(GameFileError, match="latin.toml:1: not UTF-8 text"):
        load_game(str(path))


@pytest.mark.parametrize("text", [
    'EFG 2 R "" { "A" } t "" 1 "" { 1e999999 }',
    'EFG 2 R "" { "A" } t "" 1 "" { 1' + "0" * 300 + " }",
    'EFG 2 R "" { "A" } ' + 'p "" 1 1 "" { "x" } 0 ' * 3 + 'p "" 1 9999999999 "" { "x" } 0',
    'NFG 1 R "" { "A" "B" } { 100000 100000 } 1 2',
    'NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3',
])
def test_gambit_bombs(text):
    start = time.perf_counter()
    parse = parse_nfg if text.startswith("NFG") else parse_efg
    with pytest.raises(GameFileError):
        parse(text, source="hostile.efg")
    assert time.perf_counter() - start < 1.0


def test_messages_speak_of_what_the_user_gave(tmp_path):
    """Issue 16's review: a headerless .nfg was called "not an .efg file", a JSON number of
    5000 digits pointed to sys.set_int_max_str_digits(), a loop of links was "no such file"."""
    from commit_calc.errors import GameFileError
    from commit_calc.io import load_game

    headerless = tmp_path / "h.nfg"
    headerless.write_text('{ "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8\n')
    with pytest.raises(GameFileError, match=r"not an \.nfg file"):
        load_game(str(headerless))
    huge = tmp_path / "big.json"
    huge.write_text('{"players": ["A", "B"], "nodes": {"a": {"payoffs": [' + "1" * 5000
                    + ', 2]}}}')
    with pytest.raises(GameFileError, match="a number has more than 4300 digits$"):
        load_game(str(huge))
    (tmp_path / "one.toml").symlink_to(tmp_path / "two.toml")
    (tmp_path / "two.toml").symlink_to(tmp_path / "one.toml")
    with pytest.raises(GameFileError, match="links in a loop"):
        load_game(str(tmp_path / "one.toml"))
