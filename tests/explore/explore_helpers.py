"""Games for the explorer tests: one whose names and labels try to break out of the page,
one too crowded for exact regions."""

from __future__ import annotations

from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.model.parameters import Parameter

SCRIPT = "</script><script>alert(1)</script>"
ACTION = 'Go "<img src=x onerror=alert(2)>" & \'run\''


def hostile_game() -> ExtensiveFormGame:
    """Two players named like markup; parameters named like JavaScript's object internals."""
    constructor = Parameter("constructor", default=1, lower=0, upper=2)
    proto = Parameter("__proto__", default=1)
    return ExtensiveFormGame.build(
        players=(SCRIPT, "<b>Second</b>"),
        parameters=(constructor, proto),
        root=Decision(SCRIPT, {
            ACTION: Decision("<b>Second</b>", {
                "yes": Terminal(("constructor", "__proto__")),
                SCRIPT: Terminal((0, 0))}),
            "stop": Terminal(("1/2", "1/2"))}),
        name="hostile", title=SCRIPT)


def crowded_game() -> ExtensiveFormGame:
    """A node with eleven actions, more than the exact regions handle: the page uses the grid.
    Action k pays ``k * noise - k**2 / 20``, so the best action moves with ``noise``."""
    noise = Parameter("noise", default="1/2", lower=0, upper=1)
    actions = {f"a{k}": Terminal((f"{k} * noise - {k * k}/20", 0)) for k in range(11)}
    return ExtensiveFormGame.build(
        players=("Chooser", "Other"), parameters=(noise,),
        root=Decision("Chooser", actions), name="crowded", title="Eleven choices")
