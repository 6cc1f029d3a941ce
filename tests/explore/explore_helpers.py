"""A game whose names and labels try to break out of the page (shared by the tests)."""

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
