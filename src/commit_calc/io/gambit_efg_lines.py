"""A fast reader for ``.efg`` files laid out one node per line, as Gambit and commit-calc
write them.

It reads the common layout with one regular expression per line and gives up (returns
``None``) at the first thing it does not recognise or that is wrong, so that the general,
token-by-token reader (:mod:`commit_calc.io.gambit_efg`) reads the file instead and reports
any error with its line. What it accepts, it reads exactly as the general reader does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

from commit_calc.io.gambit_efg_game import RawInfoset, RawNode
from commit_calc.io.gambit_tokens import MAX_PROFILES, Number, exact_value, normalize_labels

_STR = r'"(?:[^"\\\n]|\\.)*"'
_INT = r"\+?\d{1,9}(?!\d)"
_NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?"
_BRACES = r"\{([^{}\"]*(?:" + _STR + r"[^{}\"]*)*)\}"
_MOVES = rf"(?:\s+({_STR})\s*{_BRACES}\s*|\s+)({_INT})"
_OUTCOME = rf"(?:\s*({_STR})\s*\{{([^{{}}\"]*)\}})?"
_LINE = {
    "p": re.compile(rf"p\s+({_STR})\s+({_INT})\s+({_INT}){_MOVES}{_OUTCOME}", re.ASCII),
    "c": re.compile(rf"c\s+({_STR})\s+()({_INT}){_MOVES}{_OUTCOME}", re.ASCII),
    "t": re.compile(rf"t\s+({_STR})()()()()\s+({_INT}){_OUTCOME}", re.ASCII),
}
_HEADER = re.compile(
    rf"\s*EFG\s+2\s+[RD]\s+({_STR})\s*\{{((?:\s*{_STR})*)\s*\}}(?:\s*(\"(?:[^\"\\]|\\.)*\"))?",
    re.ASCII | re.DOTALL)
_STRING = re.compile(_STR, re.ASCII)
_ACTIONS = re.compile(rf"(?:\s*{_STR})*\s*", re.ASCII)
_CHANCE_ACTIONS = re.compile(rf"(?:\s*{_STR}\s*{_NUM}(?=[\s,\"]|$)\s*,?)*\s*", re.ASCII)
_CHANCE_PAIR = re.compile(rf"({_STR})\s*({_NUM})", re.ASCII)
_PAYOFFS = re.compile(rf"(?:\s*{_NUM}(?=[\s,]|$)\s*,?)*\s*", re.ASCII)
_NUMBER = re.compile(_NUM, re.ASCII)
_WHOLE_PAYOFFS = re.compile(r"(?:\s*[+-]?\d{1,18}(?=[\s,]|$)\s*,?)*\s*", re.ASCII)
_WHOLE = re.compile(r"[+-]?\d+", re.ASCII)
_SPACE = " \t\r\f\v"

Outcomes = dict[int, tuple[str, tuple[Number, ...]]]

#: Exact values of number texts; a tree repeats a few probabilities and payoffs many times.
_value = functools.lru_cache(maxsize=4096)(exact_value)


def _text(string: str) -> str:
    return string[1:-1].replace('\\"', '"') if "\\" in string else string[1:-1]


def read_efg_lines(text: str) -> tuple[str, list[str], str, list[RawNode],
                                        dict[tuple[int, int], RawInfoset]] | None:
    """Title, players, description, nodes and information sets of an ``.efg`` text laid out
    one node per line, or ``None`` where the general reader must read it."""
    header = _HEADER.match(text)
    if header is None:
        return None
    players = normalize_labels([_text(s) for s in _STRING.findall(header.group(2))])
    if not players:
        return None
    description = _text(header.group(3)) if header.group(3) else ""
    first_line = text.count("\n", 0, header.end()) + 1
    body = text[header.end():].split("\n")
    read = _read_nodes(body, first_line, len(players))
    if read is None:
        return None
    return _text(header.group(1)), players, description, read[0], read[1]


def _read_nodes(lines: Sequence[str], first_line: int, num_players: int
                ) -> tuple[list[RawNode], dict[tuple[int, int], RawInfoset]] | None:
    """Mirrors the general reader's ``_read_tree`` on whole lines."""
    infosets: dict[tuple[int, int], RawInfoset] = {}
    outcomes: Outcomes = {}
    raw: list[RawNode] = []
    zero: tuple[Number, ...] = (0,) * num_players
    pending: list[tuple[int | None, int, tuple[Number, ...]]] = [(None, 1, zero)]
    for number, line in enumerate(lines, start=first_line):
        line = line.strip(_SPACE)
        if not line:
            continue
        while pending and pending[-1][1] == 0:
            pending.pop()
        pattern = _LINE.get(line[0])
        match = pattern.fullmatch(line) if pattern is not None and pending else None
        if match is None or len(raw) >= 10 * MAX_PROFILES:
            return None
        parent, missing, above = pending.pop()
        pending.append((parent, missing - 1, above))
        label, player_text, infoset_text, infoset_label, moves, outcome_text, \
            outcome_label, outcome_payoffs = match.groups()
        kind = line[0]
        node = RawNode(kind, _text(label), number, parent)
        if kind != "t":
            node.player = int(player_text) if kind == "p" else 0
            if kind == "p" and not 1 <= node.player <= num_players:
                return None
            node.infoset = (node.player, int(infoset_text))
            if not _infoset(node, infoset_label, moves, infosets):
                return None
            node.children = len(infosets[node.infoset].actions)
        outcome = _outcome(int(outcome_text), outcome_label, outcome_payoffs, outcomes,
                           num_players)
        if outcome is False:
            return None
        payoffs = above
        if outcome is not None:
            payoffs = outcome[1] if above is zero else tuple(
                a + b for a, b in zip(above, outcome[1]))
            if kind == "t" and not node.label.strip():
                node.label = outcome[0]
        raw.append(node)
        if kind == "t":
            node.payoffs = payoffs
        else:
            pending.append((len(raw) - 1, node.children, payoffs))
    while pending and pending[-1][1] == 0:
        pending.pop()
    return (raw, infosets) if not pending else None


def _infoset(node: RawNode, label: str | None, moves: str | None,
             infosets: dict[tuple[int, int], RawInfoset]) -> bool:
    """Record the node's information set; ``False`` where the general reader must judge."""
    known = infosets.get(node.infoset)
    if label is None:
        return known is not None
    actions: list[str] = []
    probabilities: list[Number] = []
    if node.kind == "c":
        if not _CHANCE_ACTIONS.fullmatch(moves or ""):
            return False
        for action, probability in _CHANCE_PAIR.findall(moves or ""):
            value = _value(probability)
            if isinstance(value, str):
                return False
            actions.append(_text(action))
            probabilities.append(value)
    else:
        actions = _actions(moves or "")
    if not actions:
        return False
    if known is None:
        infosets[node.infoset] = RawInfoset(_text(label), actions, probabilities, node.line)
        return True
    return (known.label, known.actions, known.probabilities) == (
        _text(label), actions, probabilities)


@functools.lru_cache(maxsize=4096)
def _action_labels(moves: str) -> tuple[str, ...] | None:
    """The action labels of a decision node's list, ``None`` if it is not a plain list."""
    if not _ACTIONS.fullmatch(moves):
        return None
    return tuple(_text(action) for action in _STRING.findall(moves))


def _actions(moves: str) -> list[str]:
    labels = _action_labels(moves)
    return list(labels) if labels is not None else []


def _outcome(number: int, label: str | None, payoff_text: str | None, outcomes: Outcomes,
             num_players: int) -> tuple[str, tuple[Number, ...]] | None | Literal[False]:
    """The outcome a node carries (``None`` for outcome 0), or ``False`` where the general
    reader must judge."""
    if label is None:
        if number == 0:
            return None
        return outcomes.get(number, False)
    payoff_text = payoff_text or ""
    payoffs: list[Number] = []
    if number == 0:
        return False
    if _WHOLE_PAYOFFS.fullmatch(payoff_text):  # whole numbers only (the usual case)
        payoffs = [int(text) for text in _WHOLE.findall(payoff_text)]
    elif not _PAYOFFS.fullmatch(payoff_text):
        return False
    else:
        for text in _NUMBER.findall(payoff_text):
            value = _value(text)
            if isinstance(value, str):
                return False
            payoffs.append(value)
    if len(payoffs) != num_players:
        return False
    known = outcomes.setdefault(number, (_text(label), tuple(payoffs)))
    return known if known == (_text(label), tuple(payoffs)) else False
