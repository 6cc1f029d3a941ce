"""Conditions written for people (issue 16, item 13): no sympy syntax in text output."""

from __future__ import annotations

import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.render.conditions import condition_text

salary, r, cost = sympy.symbols("salary reliability cost")
third = sympy.Rational(1, 3)


@pytest.mark.parametrize(("condition", "text"), [
    (sympy.Eq(r, sympy.Rational(20, 33)), "reliability = 20/33"),
    ((salary > 100) & (salary < 400), "100 < salary < 400"),
    ((salary >= 100) & (salary <= 400), "100 <= salary <= 400"),
    (sympy.And(sympy.Ge(r, 0, evaluate=False), r < third, cost > 2),
     "0 <= reliability < 1/3 and cost > 2"),
    ((salary < 400) & (r * (salary + 1400) > 1000),
     "salary < 400 and reliability*(salary + 1400) > 1000"),
    (sympy.Or(sympy.Eq(salary, 400), (salary > 100) & (salary < 200)),
     "salary = 400 or (100 < salary < 200)"),
    (sympy.Or(sympy.Eq(salary, 400), (salary > 100) & (r < 1)),
     "salary = 400 or (salary > 100 and reliability < 1)"),
    (sympy.Ne(salary, 3), "salary != 3"),
    (sympy.Not(sympy.Eq(salary, cost, evaluate=False)), "salary != cost"),
    (sympy.true, "always"),
    (sympy.false, "never"),
])
def test_known_texts(condition, text):
    assert condition_text(condition) == text


def test_thresholds_text_has_no_sympy_syntax():
    result = CliRunner().invoke(cli, [
        "thresholds", "enforcer-reliability", "--free", "salary", "--free", "reliability",
        "--no-statics"])
    assert result.exit_code == 0, result.output
    regions = [line for line in result.stdout.splitlines() if line.startswith("region")]
    assert "region 1: salary < 400 and reliability*(salary + 1400) < 1000" in regions
    assert "region 5: salary = 400 and reliability*(salary + 1400) = 1000" in regions
    assert not any(mark in line for line in regions for mark in ("Eq(", "&", "|", "Ne("))


def test_window_reads_as_a_chain():
    result = CliRunner().invoke(cli, [
        "thresholds", "enforcer-reliability", "--set", "reliability=2/3", "--free", "salary",
        "--no-statics"])
    assert "region 3: 100 < salary < 400" in result.stdout.splitlines()
