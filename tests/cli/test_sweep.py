"""``commit-calc sweep``: table, outcome map, JSON rows, CSV lines, errors."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from commit_calc.cli.main import cli


def run(*args):
    return CliRunner().invoke(cli, ["sweep", *args])


def test_one_axis_table_marks_changes():
    result = run("enforcer-reliability", "--vary", "reliability=0:1:34")
    assert result.exit_code == 0, result.output
    marked = [line for line in result.stdout.splitlines() if line.startswith("*")]
    assert marked[0].split()[1] == "20/33"
    assert len(marked) == 2  # into the tie at 20/33, then out of it


def test_two_axes_map_and_boundaries():
    result = run("enforcer-reliability", "--vary", "salary=0:500:6",
                 "--vary", "reliability=0:1:34")
    assert result.exit_code == 0
    assert "legend:" in result.stdout and "boundaries" in result.stdout
    assert "salary = 500: " not in result.stdout  # above 400 the regime reneges: no change


def test_json_rows():
    result = run("enforcer-reliability", "--vary", "reliability=0:1:3", "--format", "json")
    document = json.loads(result.stdout)
    assert document["format"] == "commit-calc/sweep/1"
    assert [row["reliability"] for row in document["rows"]] == ["0", "1/2", "1"]
    assert document["rows"][2]["equilibria"] == [{
        "outcome": "Disarm > Reliable: Honor | Unreliable: Renege",
        "payoffs": {"Rebels": "650", "Regime": "750"}}]
    assert document["vary"] == [{"name": "reliability", "start": "0", "stop": "1", "count": 3}]


def test_csv_one_line_per_point_and_equilibrium():
    result = run("enforcer-reliability", "--vary", "reliability=0:1:34", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 35  # 34 points, two equilibria at 20/33
    assert {r["outcome"] for r in rows if r["reliability"] == "20/33"} == {
        "Stay armed", "Disarm > Reliable: Honor | Unreliable: Renege"}


def test_bad_input_is_one_line():
    for args, culprit in [
        (["--vary", "reliability=0:1:0"], "COUNT"),
        (["--vary", "wage=0:1:3"], "wage"),
        (["--vary", "reliability=0:2:3"], "reliability"),
        (["--vary", "reliability=0:1"], "NAME=START:STOP:COUNT"),
        (["--vary", "salary=a:1:3"], "salary"),
    ]:
        result = run("enforcer-reliability", *args)
        assert result.exit_code != 0, args
        assert culprit in result.stderr and "Traceback" not in result.output
