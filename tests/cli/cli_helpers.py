"""Games and helpers for the command-line tests (imported by the tests and by conftest)."""

from __future__ import annotations

from click.testing import CliRunner, Result

from commit_calc.cli.main import cli

# A third-party enforcement game in the spirit of Walter (1997, "The critical barrier to civil
# war settlement", International Organization 51(3)) and Fearon (1995, "Rationalist
# explanations for war"): the rebels disarm or stay armed; after disarmament an enforcer is
# reliable with probability r (the deal holds) or not, and then the regime honors or reneges.
# Payoffs are illustrative; the equilibria are derived by hand in the tests that use them.
ENFORCER_TOML = """\
name = "toy-enforcer"
title = "Toy enforcer"
players = ["Rebels", "Regime"]
root = "rebels"

[parameters.r]
value = "3/4"
min = 0
max = 1
unit = "probability"
meaning = "chance the enforcer is reliable"

[parameters.war]
value = 1
unit = "utils"
meaning = "each side's value of war"

[nodes.rebels]
player = "Rebels"
actions = { Disarm = "enforcer", "Stay armed" = "war" }

[nodes.enforcer]
chance = { Reliable = ["r", "kept"], Unreliable = ["1 - r", "regime"] }

[nodes.regime]
player = "Regime"
actions = { Honor = "honored", Renege = "reneged" }

[nodes.war]
payoffs = ["war", "war"]

[nodes.kept]
payoffs = [3, 2]

[nodes.honored]
payoffs = [3, 2]

[nodes.reneged]
payoffs = [0, 4]
"""

# Battle of the sexes (Osborne and Rubinstein 1994, "A Course in Game Theory", 2.3): two pure
# equilibria and one mixed one.
BOS_TOML = """\
name = "bos"
title = "Battle of the sexes"
players = ["Ann", "Bob"]

[parameters.b]
value = 2
min = 0
unit = "utils"
meaning = "Ann's value of the opera together"

[table.strategies]
Ann = ["Opera", "Football"]
Bob = ["Opera", "Football"]

[[table.outcomes]]
profile = ["Opera", "Opera"]
payoffs = ["b", 1]

[[table.outcomes]]
profile = ["Opera", "Football"]
payoffs = [0, 0]

[[table.outcomes]]
profile = ["Football", "Opera"]
payoffs = [0, 0]

[[table.outcomes]]
profile = ["Football", "Football"]
payoffs = [1, 2]
"""


def run(*args: str, input: str | None = None) -> Result:
    """Invoke ``commit-calc`` with ``args``; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), input=input)


def assert_clean_error(result: Result, *, code: int, names: str) -> None:
    """A failed run: the exit code, one line on stderr naming the culprit, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert names in result.stderr
    if code == 1:
        assert result.stderr.startswith("Error: ")
        assert len(result.stderr.strip().splitlines()) == 1
