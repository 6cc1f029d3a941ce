"""The beliefs of an assessment on a picture: a probability at each node of an information set
with several nodes, and for sets off the path the condition that supports the equilibrium."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from commit_calc.beliefs.assessment import BeliefEquilibrium, rational
from commit_calc.draw.labels import number_text
from commit_calc.model.extensive_form import ExtensiveFormGame

#: The note that explains the belief marks.
BELIEF_NOTE = "μ = belief at a node of an information set (Bayes' rule on the path)"


@dataclass(frozen=True)
class BeliefMarks:
    """``lines``: node index -> text to add under the node; ``notes``: lines for the caption;
    ``numbers``: node index -> (belief, whether it is an off-path example), for formats that
    write numbers their own way (TikZ)."""

    lines: dict[int, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    numbers: dict[int, tuple[Fraction, bool]] = field(default_factory=dict)


def belief_marks(game: ExtensiveFormGame, equilibrium: object) -> BeliefMarks | None:
    """The marks of ``equilibrium``'s beliefs, or None if it carries none.

    Off the path the belief drawn is the example (marked ``*``) and the note states the
    condition that every supporting belief meets.
    """
    if not isinstance(equilibrium, BeliefEquilibrium):
        return None
    assessment = equilibrium.assessment
    off = {record.infoset: record for record in assessment.off_path}
    lines: dict[int, str] = {}
    numbers: dict[int, tuple[Fraction, bool]] = {}
    notes = [BELIEF_NOTE]
    for infoset, belief, reached in zip(game.infosets, assessment.beliefs, assessment.reached):
        if len(infoset.members) == 1:
            continue
        star = "" if reached else "*"
        for member, p in zip(infoset.members, belief):
            lines[member] = f"μ = {number_text(rational(p))}{star}"
            numbers[member] = (p, not reached)
        if not reached and infoset.label in off:
            notes.append(f"* off the path at {infoset.label}: {off[infoset.label].condition} "
                         "(one such belief drawn)")
    return BeliefMarks(lines, tuple(notes), numbers) if lines else None
