"""Beliefs: assessments, perfect Bayesian and sequential equilibria, signalling games and
their refinements, exactly.

- :mod:`~commit_calc.beliefs.assessment`: assessments and the records solvers return;
- :mod:`~commit_calc.beliefs.check`: the independent exact check of an assessment;
- :mod:`~commit_calc.beliefs.pbe`: every pure perfect Bayesian equilibrium of a tree (the
  search itself in :mod:`~commit_calc.beliefs.search`), and with ``mixed=True`` every one;
- :mod:`~commit_calc.beliefs.mixed`: every equilibrium, mixed included, of signalling games
  up to 3 x 3 x 3 (:mod:`~commit_calc.beliefs.mixed_signalling`) and of small trees
  (:mod:`~commit_calc.beliefs.agent_supports`);
- :mod:`~commit_calc.beliefs.sequential`: Kreps-Wilson sequential equilibria where
  consistency can be decided;
- :mod:`~commit_calc.beliefs.signalling`: classification, Intuitive Criterion and D1;
- :mod:`~commit_calc.beliefs.regions`: where each pure perfect Bayesian equilibrium exists,
  as exact conditions on the parameters, and (:mod:`~commit_calc.beliefs.refinement_regions`)
  where it survives each refinement in a signalling game;
- :mod:`~commit_calc.beliefs.polytope`, :mod:`~commit_calc.beliefs.polyhedron`: exact sets of
  beliefs and of mixed strategies (their vertices).
"""
