"""Reading Gambit ``.efg`` files (game trees), following Gambit's own parser
(``src/games/file.cc``); see :mod:`commit_calc.io.gambit` for what is accepted.

Files laid out one node per line (as Gambit and commit-calc write them) are read by the fast
reader of :mod:`commit_calc.io.gambit_efg_lines`; anything else, and every error, by the
general token-by-token reader here. Numbers stay plain exact Python numbers (``int``,
``mpq``/``Fraction``): the game is built without a sympy object per node.
"""

from __future__ import annotations

from commit_calc.io.gambit_efg_game import RawInfoset, RawNode, efg_game
from commit_calc.io.gambit_efg_lines import read_efg_lines
from commit_calc.io.gambit_tokens import MAX_PROFILES, Number, Tokens, header
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.tree_nodes import paused_garbage_collection


def parse_efg(text: str, *, source: str = "<string>", name: str = "") -> ExtensiveFormGame:
    """Build a game from the text of a Gambit ``.efg`` file.

    Raises
    ------
    GameFileError
        The text is not a valid ``.efg`` game; the message names ``source`` and the line.
    """
    with paused_garbage_collection():
        fast = read_efg_lines(text)
        if fast is not None:
            title, players, description, raw, infosets = fast
            return efg_game(raw, infosets, players, source, name, title, description)
        return parse_efg_tokens(text, source=source, name=name)


def parse_efg_tokens(text: str, *, source: str = "<string>", name: str = ""
                     ) -> ExtensiveFormGame:
    """:func:`parse_efg` by the general reader alone, token by token (any layout)."""
    tokens = Tokens(text, source)
    title, players = header(tokens, "EFG", "2")
    if not players:
        raise tokens.fail("the game has no players")
    description = tokens.next().text if tokens.peek().kind == "string" else ""
    raw, infosets = _read_tree(tokens, len(players))
    return efg_game(raw, infosets, players, source, name, title, description)


def _read_tree(tokens: Tokens, num_players: int
               ) -> tuple[list[RawNode], dict[tuple[int, int], RawInfoset]]:
    """Nodes in prefix order, payoffs summed along paths onto terminal nodes."""
    infosets: dict[tuple[int, int], RawInfoset] = {}
    outcomes: dict[int, tuple[str, tuple[Number, ...]]] = {}
    raw: list[RawNode] = []
    zero = (0,) * num_players
    # Each entry: (index of a node still missing children, how many are missing, payoffs so far)
    pending: list[tuple[int | None, int, tuple[Number, ...]]] = [(None, 1, zero)]
    while pending:
        parent, missing, above = pending.pop()
        if missing == 0:
            continue
        pending.append((parent, missing - 1, above))
        token = tokens.next()
        if token.kind != "symbol" or token.text not in ("p", "c", "t"):
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise tokens.fail(f"expected a node ('p', 'c' or 't'), found {found}", token)
        node = RawNode(token.text, tokens.expect("string", "the node's label").text,
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


def _read_infoset(tokens: Tokens, node: RawNode,
                  infosets: dict[tuple[int, int], RawInfoset]) -> None:
    known = infosets.get(node.infoset)
    if tokens.peek().kind != "string":
        if known is None:
            raise tokens.fail(f"information set {node.infoset[1]} is used before its actions "
                              "are given")
        return
    label = tokens.next().text
    tokens.expect("{", "'{' opening the list of actions")
    actions: list[str] = []
    probabilities: list[Number] = []
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
        infosets[node.infoset] = RawInfoset(label, actions, probabilities, node.line)
    elif (known.label, known.actions, known.probabilities) != (label, actions, probabilities):
        raise tokens.fail(f"information set {node.infoset[1]} is defined again differently "
                          f"(first on line {known.line})")


def _read_outcome(tokens: Tokens, outcomes: dict[int, tuple[str, tuple[Number, ...]]],
                  num_players: int) -> tuple[str, tuple[Number, ...]] | None:
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
