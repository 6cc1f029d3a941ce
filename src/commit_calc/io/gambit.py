"""Gambit's ``.efg`` (game tree) and ``.nfg`` (game table) files, read leniently and written
conservatively.

Reading follows Gambit's own parser (``src/games/file.cc``): commas between payoffs are
optional, numbers may be integers, decimals (``.5``), rationals (``3/4``) or carry exponents
(``1e-3``), all read exactly; an information set's actions, and an outcome's name and payoffs,
need only be given where they first appear; outcomes may sit on non-terminal nodes (their
payoffs add up along the path); ``t "" 0`` is a terminal node without payoffs (all zero); and
``.nfg`` files come in the payoff version (a list of payoffs) and the outcome version (outcomes,
then one outcome number per profile), in both cases with player 1's strategy varying fastest.
Empty or repeated labels are renamed as Gambit renames them (``""`` becomes ``"_1"``, a second
``"x"`` becomes ``"x_2"``).

Writing is conservative: exact numbers (``3/4``), every node in prefix order with its
information set's actions written out, payoffs only on terminal nodes (one outcome each), and
a parametric game is written with its parameters' values substituted.

Examples
--------
>>> game = parse_efg('''EFG 2 R "Trust" { "Trustor" "Trustee" }
... p "" 1 1 "" { "Trust" "No trust" } 0
... p "" 2 1 "" { "Honor" "Abuse" } 0
... t "" 1 "honored" { 1 1 }
... t "" 2 "abused" { -1, 2 }
... t "" 3 "" { 0 0 }
... ''')
>>> game.path(game.node("abused")), game.node("abused").payoffs
(('Trust', 'Abuse'), (-1, 2))
>>> print(format_nfg(parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } 1 2 3 4')), end="")
NFG 1 R "" { "A" "B" } { { "1" "2" } { "1" } }
<BLANKLINE>
1 2
3 4
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import numpy as np
import sympy

from commit_calc.errors import (
    CommitCalcError,
    GameDefinitionError,
    GameFileError,
    ParameterError,
)
from commit_calc.io.atomic import write_atomic
from commit_calc.io.bounded import read_limited
from commit_calc.io.game_file import decode
from commit_calc.model.extensive_form import CHANCE, DECISION, TERMINAL, ExtensiveFormGame, Node
from commit_calc.model.normal_form import NormalFormGame

Game = NormalFormGame | ExtensiveFormGame

MAX_GAMBIT_BYTES = 1_000_000
"""Gambit files larger than this are refused before they are parsed (the same limit as our
own files: a tree of 1 MB already takes a second or two to read and solve)."""

MAX_EXPONENT_DIGITS = 400
"""Numbers such as ``1e400`` are accepted, ``1e401`` refused (exact values would be huge)."""

MAX_PROFILES = 1_000_000

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<brace>[{}])
  | (?P<comma>,)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?(?=[\s{},"]|$))
  | (?P<symbol>[^\s{},"]+)
""", re.VERBOSE | re.DOTALL | re.ASCII)


class _Token(NamedTuple):  # a tuple: a 1 MB file has some 400,000 of them
    kind: str  # "{", "}", ",", "string", "number", "symbol", "end"
    text: str
    line: int


class _Tokens:
    """Gambit's lexical tokens with their lines, read one at a time."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.items = list(self._scan(text))
        self.position = 0

    def _scan(self, text: str) -> Iterator[_Token]:
        line = last_line = 1
        position = 0
        for match in _TOKEN.finditer(text):
            if match.start() != position:  # nothing matched there: an unterminated string
                break
            kind = match.lastgroup
            value = match.group()
            position = match.end()
            if kind == "space":
                line += value.count("\n")
                continue
            if kind == "string":
                yield _Token("string", value[1:-1].replace('\\"', '"'), line)
                line += value.count("\n")
            elif kind == "brace":
                yield _Token(value, value, line)
            elif kind == "comma":
                yield _Token(",", value, line)
            else:  # number or symbol
                yield _Token(kind or "", value, line)
            last_line = line
        if position != len(text):
            raise GameFileError("a label's closing quote is missing", path=self.source,
                                line=line)
        yield _Token("end", "", last_line)

    def peek(self) -> _Token:
        return self.items[self.position]

    def next(self) -> _Token:
        token = self.items[self.position]
        if token.kind != "end":
            self.position += 1
        return token

    def fail(self, message: str, token: _Token | None = None) -> GameFileError:
        token = token or self.peek()
        return GameFileError(message, path=self.source, line=token.line)

    def expect(self, kind: str, what: str) -> _Token:
        token = self.next()
        if token.kind != kind:
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise self.fail(f"expected {what}, found {found}", token)
        return token

    def accept(self, kind: str) -> bool:
        if self.peek().kind == kind:
            self.next()
            return True
        return False

    def number(self, what: str) -> sympy.Rational:
        token = self.expect("number", what)
        return _exact(token, self)

    def integer(self, what: str) -> int:
        token = self.expect("number", what)
        if not re.fullmatch(r"\+?\d{1,9}", token.text):
            raise self.fail(f"expected {what} (a whole number), found {token.text!r}", token)
        return int(token.text)

    def strings(self, what: str) -> list[str]:
        self.expect("{", f"'{{' opening the {what}")
        labels = []
        while self.peek().kind == "string":
            labels.append(self.next().text)
        self.expect("}", f"'}}' closing the {what}")
        return labels

    def payoffs(self, count: int, what: str) -> tuple[sympy.Rational, ...]:
        self.expect("{", f"'{{' opening the payoffs of {what}")
        values = []
        while self.peek().kind != "}":
            values.append(self.number(f"a payoff of {what}"))
            self.accept(",")
        closing = self.expect("}", f"'}}' closing the payoffs of {what}")
        if len(values) != count:
            raise self.fail(f"{what} has {len(values)} payoffs for {count} players", closing)
        return tuple(values)


def _exact(token: _Token, tokens: _Tokens) -> sympy.Rational:
    """The exact value of a number token (``.5``, ``3/4``, ``-1.5e3``)."""
    text = token.text
    digits = text[1:] if text[:1] in "+-" else text
    if len(text) <= 200 and digits.isascii() and digits.isdigit():  # a whole number
        return sympy.Integer(int(text))
    mantissa, _, exponent = text.partition("/")[0].lower().partition("e")
    if len(text) > 200 or len(exponent.lstrip("+-")) > 3 or (
            exponent and abs(int(exponent)) > MAX_EXPONENT_DIGITS):
        raise tokens.fail(f"number {text[:40]!r} is too large", token)
    try:
        value = Fraction(text.partition("/")[0])
        if "/" in text:
            value /= int(text.partition("/")[2])
    except (ValueError, ZeroDivisionError):
        raise tokens.fail(f"{text!r} is not a number", token) from None
    return sympy.Rational(value.numerator, value.denominator)


def normalize_labels(labels: Sequence[str]) -> list[str]:
    """Make labels distinct and non-empty as Gambit does.

    >>> normalize_labels(["", "x", "x", "x_1", "y"])
    ['_1', 'x_2', 'x_3', 'x_1', 'y']
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    result = []
    for label in labels:
        if counts[label] == 1 and label != "":
            result.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        result.append(candidate)
    return result


# Reading .efg ---------------------------------------------------------------------------------


@dataclass
class _Infoset:
    label: str
    actions: list[str]
    probabilities: list[sympy.Rational]
    line: int


@dataclass
class _RawNode:
    kind: str
    label: str
    line: int
    parent: int | None
    player: int = 0
    infoset: tuple[int, int] = (0, 0)
    children: int = 0
    payoffs: tuple[sympy.Rational, ...] = ()


def _header(tokens: _Tokens, tag: str, version: str) -> tuple[str, list[str]]:
    """Read ``EFG 2 R "title" { "players" }`` (or the ``NFG 1 R`` form): title and players."""
    suffix = tag.lower()
    first = tokens.next()
    if first.kind != "symbol" or first.text != tag:
        raise tokens.fail(f"not an .{suffix} file: it must start with '{tag} {version} R'", first)
    if tokens.next().text != version:
        raise tokens.fail(
            f"only version {version} of the .{suffix} format is read ('{tag} {version} R')"
        )
    if tokens.next().text not in ("R", "D"):
        raise tokens.fail(f"expected R or D after '{tag} {version}'")
    title = tokens.expect("string", "the game's title in quotes").text
    return title, normalize_labels(tokens.strings("list of players"))


def parse_efg(text: str, *, source: str = "<string>", name: str = "") -> ExtensiveFormGame:
    """Build a game from the text of a Gambit ``.efg`` file.

    Raises
    ------
    GameFileError
        The text is not a valid ``.efg`` game; the message names ``source`` and the line.
    """
    tokens = _Tokens(text, source)
    title, players = _header(tokens, "EFG", "2")
    if not players:
        raise tokens.fail("the game has no players")
    description = tokens.next().text if tokens.peek().kind == "string" else ""
    raw, infosets = _read_tree(tokens, len(players))
    return _efg_game(raw, infosets, players, source, name, title, description)


def _read_tree(tokens: _Tokens, num_players: int
               ) -> tuple[list[_RawNode], dict[tuple[int, int], _Infoset]]:
    """Nodes in prefix order, payoffs summed along paths onto terminal nodes."""
    infosets: dict[tuple[int, int], _Infoset] = {}
    outcomes: dict[int, tuple[str, tuple[sympy.Rational, ...]]] = {}
    raw: list[_RawNode] = []
    zero = (sympy.Integer(0),) * num_players
    # Each entry: (index of a node still missing children, how many are missing, payoffs so far)
    pending: list[tuple[int | None, int, tuple[sympy.Rational, ...]]] = [(None, 1, zero)]
    while pending:
        parent, missing, above = pending.pop()
        if missing == 0:
            continue
        pending.append((parent, missing - 1, above))
        token = tokens.next()
        if token.kind != "symbol" or token.text not in ("p", "c", "t"):
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise tokens.fail(f"expected a node ('p', 'c' or 't'), found {found}", token)
        node = _RawNode(token.text, tokens.expect("string", "the node's label").text,
                        token.line, parent)
        if node.kind != "t":
            node.player = tokens.integer("a player number") if node.kind == "p" else 0
            if node.kind == "p" and not 1 <= node.player <= num_players:
                raise tokens.fail(f"player number {node.player} is not between 1 and "
                                  f"{num_players}", token)
            node.infoset = (node.player, tokens.integer("an information set number"))
            _read_infoset(tokens, node, infosets)
            node.children = len(infosets[node.infoset].actions)
        outcome = _read_outcome(tokens, outcomes, num_players)
        payoffs = above
        if outcome is not None:
            payoffs = tuple(a + b for a, b in zip(above, outcome[1]))
            if node.kind == "t" and not node.label.strip():
                node.label = outcome[0]
        if len(raw) >= 10 * MAX_PROFILES:
            raise tokens.fail("the tree has too many nodes")
        raw.append(node)
        if node.kind == "t":
            node.payoffs = payoffs
        else:
            pending.append((len(raw) - 1, node.children, payoffs))
    if tokens.peek().kind != "end":
        raise tokens.fail(f"unexpected {tokens.peek().text!r} after the last node of the tree")
    return raw, infosets


def _read_infoset(tokens: _Tokens, node: _RawNode,
                  infosets: dict[tuple[int, int], _Infoset]) -> None:
    known = infosets.get(node.infoset)
    if tokens.peek().kind != "string":
        if known is None:
            raise tokens.fail(f"information set {node.infoset[1]} is used before its actions "
                              "are given")
        return
    label = tokens.next().text
    tokens.expect("{", "'{' opening the list of actions")
    actions: list[str] = []
    probabilities: list[sympy.Rational] = []
    while tokens.peek().kind == "string":
        actions.append(tokens.next().text)
        if node.kind == "c":
            probabilities.append(tokens.number(f"the probability of chance action "
                                               f"'{actions[-1]}'"))
            tokens.accept(",")
    tokens.expect("}", "'}' closing the list of actions")
    if not actions:
        raise tokens.fail("an information set needs at least one action")
    if known is None:
        infosets[node.infoset] = _Infoset(label, actions, probabilities, node.line)
    elif (known.label, known.actions, known.probabilities) != (label, actions, probabilities):
        raise tokens.fail(f"information set {node.infoset[1]} is defined again differently "
                          f"(first on line {known.line})")


def _read_outcome(tokens: _Tokens, outcomes: dict[int, tuple[str, tuple[sympy.Rational, ...]]],
                  num_players: int) -> tuple[str, tuple[sympy.Rational, ...]] | None:
    """The outcome ``(label, payoffs)`` a node carries, or ``None`` for outcome 0."""
    number = tokens.integer("an outcome number")
    if tokens.peek().kind == "string":
        label_token = tokens.next()
        if number == 0:
            raise tokens.fail("outcome 0 (no outcome) cannot have a label or payoffs",
                              label_token)
        payoffs = tokens.payoffs(num_players, f"outcome {number}")
        known = outcomes.setdefault(number, (label_token.text, payoffs))
        if known != (label_token.text, payoffs):
            raise tokens.fail(f"outcome {number} is defined again differently", label_token)
        return known
    if number == 0:
        return None
    if number not in outcomes:
        raise tokens.fail(f"outcome {number} is used before its payoffs are given")
    return outcomes[number]


def _efg_game(raw: list[_RawNode], infosets: dict[tuple[int, int], _Infoset],
              players: list[str], source: str, name: str, title: str,
              description: str) -> ExtensiveFormGame:
    names = _node_names(raw)
    labels = _infoset_labels(infosets, players)
    actions = {key: normalize_labels(infoset.actions) for key, infoset in infosets.items()}
    children: list[list[int]] = [[] for _ in raw]
    for index, node in enumerate(raw):
        if node.parent is not None:
            children[node.parent].append(index)
    nodes = []
    for index, node in enumerate(raw):
        if node.kind == "t":
            nodes.append(Node(index, names[index], TERMINAL, node.parent, payoffs=node.payoffs))
        elif node.kind == "c":
            nodes.append(Node(index, names[index], CHANCE, node.parent,
                              actions=tuple(actions[node.infoset]),
                              children=tuple(children[index]),
                              probabilities=tuple(infosets[node.infoset].probabilities)))
        else:
            nodes.append(Node(index, names[index], DECISION, node.parent,
                              player=players[node.player - 1], infoset=labels[node.infoset],
                              actions=tuple(actions[node.infoset]),
                              children=tuple(children[index])))
    try:
        return ExtensiveFormGame(tuple(players), tuple(nodes), name=name, title=title,
                                 description=description.strip())
    except (GameDefinitionError, ParameterError) as error:
        message = str(error)
        match = re.search(r"node '([^']+)'", message)
        line = raw[names.index(match.group(1))].line if match else None
        raise GameFileError(message, path=source, line=line) from None


def _node_names(raw: Sequence[_RawNode]) -> list[str]:
    """Node labels where they are non-empty and unique, else ``n1, t1, ...``.

    A terminal node without a label takes its outcome's label."""
    used: set[str] = set()
    names: list[str | None] = []
    for node in raw:
        if node.label.strip() and node.label not in used:
            used.add(node.label)
            names.append(node.label)
        else:
            names.append(None)
    counters = {"n": 0, "t": 0}
    result = []
    for node, label in zip(raw, names):
        if label is None:
            prefix = "t" if node.kind == "t" else "n"
            while True:
                counters[prefix] += 1
                label = f"{prefix}{counters[prefix]}"
                if label not in used:
                    break
            used.add(label)
        result.append(label)
    return result


def _infoset_labels(infosets: Mapping[tuple[int, int], _Infoset],
                    players: Sequence[str]) -> dict[tuple[int, int], str]:
    """Each player's information set labelled by its Gambit label if that is unique,
    else ``"<player>:<number>"``."""
    keys = [key for key in infosets if key[0] != 0]
    counts: dict[str, int] = {}
    for key in keys:
        counts[infosets[key].label] = counts.get(infosets[key].label, 0) + 1
    used = {label for label, count in counts.items() if count == 1 and label.strip()}
    labels = {}
    for key in keys:
        label = infosets[key].label
        if not (label.strip() and counts[label] == 1):
            label = f"{players[key[0] - 1]}:{key[1]}"
            while label in used:
                label += "'"
            used.add(label)
        labels[key] = label
    return labels


# Reading .nfg ---------------------------------------------------------------------------------


def parse_nfg(text: str, *, source: str = "<string>", name: str = "") -> NormalFormGame:
    """Build a game from the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Raises
    ------
    GameFileError
        The text is not a valid ``.nfg`` game; the message names ``source`` and the line.
    """
    tokens = _Tokens(text, source)
    title, players = _header(tokens, "NFG", "1")
    if len(players) < 2:
        raise tokens.fail("a game table needs at least two players")
    strategies = _read_strategies(tokens, len(players))
    description = tokens.next().text if tokens.peek().kind == "string" else ""
    shape = tuple(len(labels) for labels in strategies)
    if int(np.prod(shape, dtype=object)) > MAX_PROFILES:
        raise tokens.fail(f"the table has more than {MAX_PROFILES} strategy profiles")
    arrays = [np.empty(shape, dtype=object) for _ in players]
    if tokens.peek().kind == "{":
        _read_outcome_body(tokens, players, shape, arrays)
    else:
        for profile in _first_player_fastest(shape):
            for p in range(len(players)):
                arrays[p][profile] = tokens.number(
                    f"the payoff of {players[p]} at profile {_profile_text(strategies, profile)}")
                tokens.accept(",")
    if tokens.peek().kind != "end":
        raise tokens.fail(f"unexpected {tokens.peek().text!r} after the last payoff "
                          f"({int(np.prod(shape))} profiles x {len(players)} players expected)")
    try:
        return NormalFormGame.from_arrays(
            [array.tolist() for array in arrays], players=players, strategies=strategies,
            name=name, title=title, description=description.strip(),
        )
    except CommitCalcError as error:
        raise GameFileError(str(error), path=source) from None


def _read_strategies(tokens: _Tokens, num_players: int) -> list[list[str]]:
    tokens.expect("{", "'{' opening the strategies")
    strategies = []
    if tokens.peek().kind == "{":
        for _ in range(num_players):
            strategies.append(normalize_labels(tokens.strings("list of strategies")))
    else:
        for _ in range(num_players):
            count = tokens.integer("a number of strategies")
            if count > MAX_PROFILES:
                raise tokens.fail(f"more than {MAX_PROFILES} strategies")
            strategies.append([str(k + 1) for k in range(count)])
    tokens.expect("}", f"'}}' closing the strategies of {num_players} players")
    for labels in strategies:
        if not labels:
            raise tokens.fail("every player needs at least one strategy")
    return strategies


def _read_outcome_body(tokens: _Tokens, players: Sequence[str], shape: tuple[int, ...],
                       arrays: list[np.ndarray]) -> None:
    tokens.expect("{", "'{' opening the list of outcomes")
    outcomes: list[tuple[sympy.Rational, ...]] = []
    while tokens.accept("{"):
        tokens.expect("string", "the outcome's label")
        values = []
        while tokens.peek().kind != "}":
            values.append(tokens.number(f"a payoff of outcome {len(outcomes) + 1}"))
            tokens.accept(",")
        closing = tokens.expect("}", "'}' closing the outcome")
        if len(values) != len(players):
            raise tokens.fail(f"outcome {len(outcomes) + 1} has {len(values)} payoffs for "
                              f"{len(players)} players", closing)
        outcomes.append(tuple(values))
    tokens.expect("}", "'}' closing the list of outcomes")
    zero = (sympy.Integer(0),) * len(players)
    for profile in _first_player_fastest(shape):
        token = tokens.peek()
        number = tokens.integer("an outcome number for each strategy profile")
        if number > len(outcomes):
            raise tokens.fail(f"outcome {number} is not defined ({len(outcomes)} outcomes)",
                              token)
        payoffs = outcomes[number - 1] if number else zero
        for p, value in enumerate(payoffs):
            arrays[p][profile] = value


def _first_player_fastest(shape: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Profiles in Gambit's order: player 1's strategy changes fastest."""
    for reversed_profile in itertools.product(*(range(n) for n in reversed(shape))):
        yield tuple(reversed(reversed_profile))


def _profile_text(strategies: Sequence[Sequence[str]], profile: Sequence[int]) -> str:
    return "(" + ", ".join(strategies[p][s] for p, s in enumerate(profile)) + ")"


# Writing --------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """A Gambit label: quotes escaped as ``\\"``; a backslash before a quote or at the end
    cannot be written so that Gambit reads it back, so such labels are refused."""
    if text.endswith("\\") or '\\"' in text:
        raise GameDefinitionError(f"label {text!r}: a backslash before a quote or at the end "
                                  "cannot be written to a Gambit file; rename it")
    return '"' + text.replace('"', '\\"') + '"'


def _numeric(game: Game, values: Mapping[str, object] | None) -> Game:
    """The game with ``values`` (and defaults for the other parameters) substituted."""
    if values or not game.is_numeric:
        return game.at(values)
    return game


def format_efg(game: ExtensiveFormGame, values: Mapping[str, object] | None = None) -> str:
    """The text of a Gambit ``.efg`` file for ``game`` (parameters given ``values`` or their
    defaults).

    >>> from commit_calc.model import Decision, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "L": Terminal((1, "1/2")), "R": Terminal((0, 0))}, name="start"))
    >>> print(format_efg(game), end="")
    EFG 2 R "" { "A" "B" }
    <BLANKLINE>
    p "start" 1 1 "start" { "L" "R" } 0
    t "t1" 1 "t1" { 1, 1/2 }
    t "t2" 2 "t2" { 0, 0 }
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameDefinitionError(f"format_efg(): expected an ExtensiveFormGame, got "
                                  f"{type(game).__name__} (write tables with format_nfg)")
    game = _numeric(game, values)  # type: ignore[assignment]
    lines = [f"EFG 2 R {_quote(game.title or game.name)} "
             f"{{ {' '.join(_quote(p) for p in game.players)} }}"]
    if game.description:
        lines.append(_quote(game.description))
    lines.append("")
    player_number = {player: k + 1 for k, player in enumerate(game.players)}
    infoset_number: dict[str, int] = {}
    per_player = dict.fromkeys(game.players, 0)
    chance_count = 0
    outcome_count = 0
    for node in game.nodes:
        if node.is_terminal:
            outcome_count += 1
            payoffs = ", ".join(str(value) for value in node.payoffs)
            lines.append(f"t {_quote(node.name)} {outcome_count} {_quote(node.name)} "
                         f"{{ {payoffs} }}")
        elif node.is_chance:
            chance_count += 1
            moves = " ".join(f"{_quote(a)} {p}" for a, p in zip(node.actions, node.probabilities))
            lines.append(f'c {_quote(node.name)} {chance_count} "" {{ {moves} }} 0')
        else:
            label = node.infoset or node.name
            player = node.player or ""
            if label not in infoset_number:
                per_player[player] += 1
                infoset_number[label] = per_player[player]
            actions = " ".join(_quote(a) for a in node.actions)
            lines.append(f"p {_quote(node.name)} {player_number[player]} "
                         f"{infoset_number[label]} {_quote(label)} {{ {actions} }} 0")
    return "\n".join(lines) + "\n"


def format_nfg(game: NormalFormGame, values: Mapping[str, object] | None = None) -> str:
    """The text of a Gambit ``.nfg`` file (payoff version, player 1's strategy fastest)."""
    if not isinstance(game, NormalFormGame):
        raise GameDefinitionError(f"format_nfg(): expected a NormalFormGame, got "
                                  f"{type(game).__name__} (write trees with format_efg)")
    game = _numeric(game, values)  # type: ignore[assignment]
    strategies = " ".join("{ " + " ".join(_quote(s) for s in labels) + " }"
                          for labels in game.strategies)
    lines = [f"NFG 1 R {_quote(game.title or game.name)} "
             f"{{ {' '.join(_quote(p) for p in game.players)} }} {{ {strategies} }}"]
    if game.description:
        lines.append(_quote(game.description))
    lines.append("")
    for profile in _first_player_fastest(game.shape):
        lines.append(" ".join(str(value) for value in game.payoff(profile)))
    return "\n".join(lines) + "\n"


# Files ----------------------------------------------------------------------------------------


def _read(path: str | Path) -> str:
    return decode(read_limited(path, MAX_GAMBIT_BYTES), str(path))


def read_efg(path: str | Path) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file; the game's name is the file's stem."""
    return parse_efg(_read(path), source=str(path), name=Path(path).stem)


def read_nfg(path: str | Path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file; the game's name is the file's stem."""
    return parse_nfg(_read(path), source=str(path), name=Path(path).stem)


def parse_gambit(text: str, *, source: str = "<string>", name: str = "") -> Game:
    """Read ``.efg`` or ``.nfg`` text, telling them apart by the first word."""
    if text.lstrip().startswith("NFG"):
        return parse_nfg(text, source=source, name=name)
    return parse_efg(text, source=source, name=name)


def read_gambit_file(path: str | Path) -> Game:
    """Read a Gambit file, ``.efg`` or ``.nfg`` by its first word (by its suffix where the
    first word is neither, so that the message speaks of the format the file claims)."""
    text = _read(path)
    if Path(path).suffix.lower() == ".nfg" and not text.lstrip().startswith(("EFG", "NFG")):
        return parse_nfg(text, source=str(path), name=Path(path).stem)
    return parse_gambit(text, source=str(path), name=Path(path).stem)


def write_efg(game: ExtensiveFormGame, path: str | Path,
              values: Mapping[str, object] | None = None) -> None:
    """Write ``game`` to ``path`` as a Gambit ``.efg`` file (see :func:`format_efg`)."""
    write_atomic(path, format_efg(game, values))


def write_nfg(game: NormalFormGame, path: str | Path,
              values: Mapping[str, object] | None = None) -> None:
    """Write ``game`` to ``path`` as a Gambit ``.nfg`` file (see :func:`format_nfg`)."""
    write_atomic(path, format_nfg(game, values))
