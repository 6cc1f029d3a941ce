"""Catalog games whose exact regions need a few parameters fixed.

The signalling games have thresholds with a few parameters symbolic; with all 12-13 of them
symbolic the case split of the regions exceeds its limit (a clear refusal, after a while: see
the note of issue 14). Tests that run thresholds on every catalog game use these options.
"""

HEAVY = {"costly-implementation": ["--free", "signal_cost_committed", "--free",
                                   "signal_cost_opportunistic"],
         "reputation-two-cohorts": ["--free", "prior_committed", "--free", "discount"]}
