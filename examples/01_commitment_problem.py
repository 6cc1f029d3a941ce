"""1. The commitment problem: disarmed rebels cannot trust a regime tempted to renege.

The Fifth Legion story starts with a reconciliation deal in southern Syria. The rebels move
first: they disarm (and join the legion for a salary, an amnesty and the right to police their
home area) or they stay armed. If they disarm, the regime then honours the deal or reneges
(conscription, arrests, reprisals). This is Kreps's (1990) trust game: the regime would like
to promise to honour, but once the rebels have handed over their weapons nothing forces it to.

Game theory answers "what will happen?" with *subgame-perfect equilibrium*: we solve the game
backwards from the end, assuming every player chooses what is best for them at every point
(backward induction). The rebels foresee what the regime will do after they disarm. Fearon
(1995, "Rationalist explanations for war") calls this a commitment problem; Walter (1997, "The
critical barrier to civil war settlement") argues it is why civil wars so rarely end in
negotiated settlements: the side that disarms becomes vulnerable.

This script solves the game ``disarm-trust`` from the catalog at its default values, then asks
the library for the exact condition under which the regime's promise would be credible.

Run:  python examples/01_commitment_problem.py [--out DIR]
"""

from _common import describe, output_directory, save_plot, save_tree

from commit_calc import load_game, solve
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds
from commit_calc.render.conditions import condition_text

out = output_directory(__doc__)
game = load_game("disarm-trust")
print(f"{game.title}: players {', '.join(game.players)}")

# 1. Solve at the default values (salary 250 USD/month, etc.).
result = solve(game)
print("\nAt the default values:")
describe(result)
equilibrium = result.equilibria[0]
save_tree(result.game, equilibrium.profile, out, "01-disarm-trust")

# 2. Why? Keep the regime's temptation symbolic: salary and patrol_cost stay free parameters,
#    every other parameter keeps its default. The library splits parameter space into exact
#    regions with the same equilibria (a comparison of the regime's two payoffs).
free = ("salary", "patrol_cost")
fixed = {p.name: p.default for p in game.parameters if p.name not in free}
analysis = parameter_regions(game, fixed)
print("\nWhere is the deal kept? (salary and patrol_cost symbolic, the rest at defaults;"
      " '=' is a tie where either choice is optimal)")
for region in analysis.regions:
    outcomes = " or ".join(e.outcome for e in region.equilibria)
    print(f"  where {condition_text(region.condition)}: {outcomes}")

# 3. The threshold: how costly must policing alone be for the regime to keep its word?
salary = game.parameters["salary"].default
for threshold in thresholds(analysis, "patrol_cost", {"salary": salary}):
    print(f"\nthreshold: patrol_cost = {threshold.formula}"
          f" (= {threshold.value} USD/month at salary {salary})")
    at_default = game.parameters["patrol_cost"].default
    print(f"  the default patrol_cost is {at_default}: the regime's promise is "
          f"{'credible' if at_default >= threshold.value else 'NOT credible'}")

# 4. A higher salary makes things worse: the regime saves the salary by reneging.
#    A sweep over both parameters draws the outcome map.
grid = sweep(game, [Axis.parse("salary", 0, 500, 101), Axis.parse("patrol_cost", 0, 1200, 121)])
save_plot(grid, out / "01-outcome-map.png")
