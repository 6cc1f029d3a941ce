"""Building a game from the node and information-set records of an ``.efg`` file.

Numbers are plain Python numbers; labels are made distinct as Gambit makes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from commit_calc.errors import GameDefinitionError, GameFileError, ParameterError
from commit_calc.io.gambit_tokens import Number, normalize_labels
from commit_calc.model.extensive_form import CHANCE, DECISION, TERMINAL, ExtensiveFormGame, Node


@dataclass
class RawInfoset:
    """An information set as the file gives it (Gambit's number is its key)."""

    label: str
    actions: list[str]
    probabilities: list[Number]
    line: int


@dataclass(slots=True)
class RawNode:
    """A node as the file gives it, payoffs summed along the path onto terminal nodes."""

    kind: str
    label: str
    line: int
    parent: int | None
    player: int = 0
    infoset: tuple[int, int] = (0, 0)
    children: int = 0
    payoffs: tuple[Number, ...] = ()


def efg_game(raw: list[RawNode], infosets: dict[tuple[int, int], RawInfoset],
             players: list[str], source: str, name: str, title: str,
             description: str) -> ExtensiveFormGame:
    """The game the records describe; a flaw of the tree is reported at its node's line."""
    names = _node_names(raw)
    labels = _infoset_labels(infosets, players)
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # many sets share one action list
    actions = {}
    for key, infoset in infosets.items():
        given = tuple(infoset.actions)
        if given not in shared:
            shared[given] = tuple(normalize_labels(given))
        actions[key] = shared[given]
    probabilities = {key: tuple(infoset.probabilities) for key, infoset in infosets.items()}
    children: list[list[int]] = [[] for _ in raw]
    for index, node in enumerate(raw):
        if node.parent is not None:
            children[node.parent].append(index)
    nodes: list[Node] = []
    append = nodes.append
    for index, node in enumerate(raw):
        kind = node.kind
        if kind == "t":
            append(Node(index, names[index], TERMINAL, node.parent, payoffs=node.payoffs))
        elif kind == "c":
            append(Node(index, names[index], CHANCE, node.parent,
                        actions=actions[node.infoset], children=tuple(children[index]),
                        probabilities=probabilities[node.infoset]))
        else:
            append(Node(index, names[index], DECISION, node.parent,
                        player=players[node.player - 1], infoset=labels[node.infoset],
                        actions=actions[node.infoset], children=tuple(children[index])))
    try:
        return ExtensiveFormGame(tuple(players), tuple(nodes), name=name, title=title,
                                 description=description.strip())
    except (GameDefinitionError, ParameterError) as error:
        message = str(error)
        match = re.search(r"node '([^']+)'", message)
        line = raw[names.index(match.group(1))].line if match else None
        raise GameFileError(message, path=source, line=line) from None


def _node_names(raw: Sequence[RawNode]) -> list[str]:
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


def _infoset_labels(infosets: Mapping[tuple[int, int], RawInfoset],
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


