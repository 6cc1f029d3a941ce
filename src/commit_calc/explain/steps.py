"""The records an explanation is made of, and their text and JSON forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    """One step of an explanation.

    ``kind`` is ``"decision"`` or ``"chance"`` (a node of backward induction), ``"subgame"``
    (a proper subgame with imperfect information, solved as a game of its own),
    ``"indifference"`` (a mixing player's indifference condition), ``"best-response"`` (a
    pure strategy checked against the alternatives), ``"bayes"`` and ``"off-path"`` (beliefs
    at a reached or an unreached information set, :mod:`~commit_calc.explain.beliefs`) or
    ``"result"`` (what the steps add up to). ``text`` is the sentence for people. The other
    fields hold the same facts for programs: the ``node`` and ``player`` concerned, ``values``
    as ``(label, exact value)`` pairs (an action's continuation payoff for the mover, a
    strategy's expected payoff), the labels ``chosen``, whether the mover is indifferent
    (``tie``) and an ``equation``.
    """

    kind: str
    text: str
    node: str | None = None
    player: str | None = None
    values: tuple[tuple[str, str], ...] = ()
    chosen: tuple[str, ...] = ()
    tie: bool = False
    equation: str | None = None

    def record(self) -> dict[str, Any]:
        """The step as JSON-ready data; empty fields are left out.

        >>> Step("decision", "B chooses In.", node="b", player="B",
        ...      values=(("In", "1"), ("Out", "0")), chosen=("In",)).record()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'kind': 'decision', 'text': 'B chooses In.', 'node': 'b', 'player': 'B',
         'values': {'In': '1', 'Out': '0'}, 'chosen': ['In']}
        """
        record: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.node is not None:
            record["node"] = self.node
        if self.player is not None:
            record["player"] = self.player
        if self.values:
            record["values"] = dict(self.values)
        if self.chosen:
            record["chosen"] = list(self.chosen)
        if self.tie:
            record["tie"] = True
        if self.equation is not None:
            record["equation"] = self.equation
        return record


def explanation_text(steps: Sequence[Step], *, heading: str = "Explanation") -> str:
    """Numbered steps under a heading, each wrapped to 88 columns.

    >>> print(explanation_text([Step("result", "Nothing to do.")]), end="")
    Explanation
      1. Nothing to do.
    """
    import textwrap

    lines = [heading]
    for number, step in enumerate(steps, start=1):
        prefix = f"  {number}. "
        lines += textwrap.wrap(step.text, width=88, initial_indent=prefix,
                               subsequent_indent=" " * len(prefix), break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def explanation_records(steps: Sequence[Step]) -> list[dict[str, Any]]:
    """The ``"explanation"`` list of the JSON output: one record per step."""
    return [step.record() for step in steps]
