"""2. Power sharing turns the dilemma into an assurance game.

Here the deal is a *normal-form* (simultaneous-move) game: the rebels choose Disarm or Stay
armed while the regime chooses, in effect, whether it will Honor or Renege. A *Nash
equilibrium* is a pair of choices where neither side gains by changing its own choice alone.

With the catalog's default values reneging pays the regime more whatever the rebels do, so the
only equilibrium is (Stay armed, Renege): both sides would be better off with (Disarm, Honor),
but neither can get there alone, a trap like the prisoner's dilemma (Fearon 1995; Walter 1997).

Power-sharing institutions (Hartzell and Hoddie 2003, 2007) change the regime's payoffs: local
councils and a share in policing for the former rebels make it costly for the regime to police
the area alone after a renege. In the model this raises ``patrol_cost``. Once

    area_value - salary >= area_value + renege_gain - patrol_cost,

honouring is the regime's best reply to a disarmament, and (Disarm, Honor) becomes an
equilibrium *beside* (Stay armed, Renege): an assurance game (a stag hunt). Which one is
played depends on what each side expects of the other, and a third, mixed equilibrium appears
in which each side randomises so as to leave the other indifferent.

The script lets the library find the exact ``patrol_cost`` where the game flips, and solves it
on both sides and at the threshold itself.

Run:  python examples/02_power_sharing.py [--out DIR]
"""

from _common import describe, output_directory, save_plot, save_table

from commit_calc import load_game, solve
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds

out = output_directory(__doc__)
game = load_game("reconciliation-2x2")
print(f"{game.title}: players {', '.join(game.players)}; payoffs in USD/month")

# 1. At the defaults: the regime's best reply to Disarm is Renege, so the rebels stay armed.
default_patrol = game.parameters["patrol_cost"].default
before = solve(game)
print(f"\nAt the default patrol_cost = {default_patrol}:")
describe(before)
rebel_moves, regime_moves = before.game.strategies
disarm, honor, renege = (rebel_moves.index("Disarm"), regime_moves.index("Honor"),
                         regime_moves.index("Renege"))
regime = before.game.players.index("Regime")
print(f"  against Disarm the regime gets {before.game.payoff((disarm, honor))[regime]} from"
      f" Honor but {before.game.payoff((disarm, renege))[regime]} from Renege")
save_table(before.game, before.equilibria[0].profile, out, "02-before-power-sharing")

# 2. Keep patrol_cost symbolic (everything else at its default) and find where the
#    equilibria change: the exact threshold, straight from the payoff formulas.
fixed = {p.name: p.default for p in game.parameters if p.name != "patrol_cost"}
analysis = parameter_regions(game, fixed)
threshold = thresholds(analysis, "patrol_cost")[0]
flip = threshold.value
print(f"\nthreshold: patrol_cost = {flip} USD/month: above it, honouring a disarmament pays")
for region in analysis.regions:
    print(f"  where {region.condition}: " + "; ".join(e.outcome for e in region.equilibria))

# 3. Solve on both sides of the threshold, and exactly at it.
for patrol_cost in (flip - 100, flip, flip + 100):
    result = solve(game, {"patrol_cost": patrol_cost})
    print(f"\nAt patrol_cost = {patrol_cost}:")
    describe(result)
after = solve(game, {"patrol_cost": flip + 100})
good = next(e for e in after.equilibria
            if e.profile.labelled(after.game)["Rebels"].get("Disarm") == 1
            and e.profile.labelled(after.game)["Regime"].get("Honor") == 1)
save_table(after.game, good.profile, out, "02-after-power-sharing")

# The mixed equilibrium: the regime honours just often enough to make the rebels indifferent
# between disarming and staying armed (compare the reliability threshold of example 3).
mixed = [e for e in after.equilibria if len(e.profile.support()[1]) == 2]
for equilibrium in mixed:
    honour = equilibrium.profile.labelled(after.game)["Regime"]["Honor"]
    print(f"\nIn the mixed equilibrium the regime honours with probability {honour}"
          f" (~{float(honour):.3f}): the rebels are then indifferent.")

# 4. The payoffs of every equilibrium as patrol_cost grows.
grid = sweep(game, [Axis.parse("patrol_cost", 0, 1200, 121)])
save_plot(grid, out / "02-payoffs-vs-patrol-cost.png")
