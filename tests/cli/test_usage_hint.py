"""The help hint of a usage error follows the message's own punctuation: a message that
ends in a question (click's "Did you mean '--set'?") gets no extra full stop before it."""

from __future__ import annotations

from cli_helpers import run


def test_a_question_is_not_followed_by_a_stray_full_stop():
    result = run("solve", "--sett", "reliability=1/2")
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    line = result.stderr.strip()
    assert "Did you mean '--set'?" in line, line
    assert "?." not in line and "'--set'? Try '" in line and line.endswith(" solve -h'."), line


def test_a_statement_still_ends_with_a_full_stop_before_the_hint():
    result = run("solve", "--format", "png")
    line = result.stderr.strip()
    assert "'csv'. Try '" in line and line.endswith(" solve -h'."), line
