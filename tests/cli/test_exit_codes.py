"""One rule for errors, for every option of every command (issue 16, items 6 and 7).

- Exit 2, bad usage: an option or option value that is wrong by itself or conflicts with
  another (malformed number, unknown choice, a parameter given twice, a file name whose suffix
  contradicts the format). Found before the game is read: the usage cases below name a game
  file that does not exist, and still exit 2.
- Exit 1: the command line is well formed but the game, a file or the computation fails
  (unknown parameter, value out of bounds, no such file, a file that cannot be written).
- Either way, exactly one line on standard error, starting ``Error:``, naming the culprit;
  nothing on standard output; no traceback.
"""

from __future__ import annotations

import pytest
from cli_helpers import run

MISSING = "no-such-game.toml"  # read only after the options are checked

USAGE = [
    # --set, on every command that has it
    *[pytest.param([command, MISSING, "--set", text, *extra], named, id=f"{command} --set {text}")
      for command, extra in [("solve", []), ("thresholds", []), ("draw", []),
                             ("sweep", ["--vary", "reliability=0:1:3"])]
      for text, named in [("salary=abc", "'abc' is not a number"),
                          ("salary=\u0661", "is not a number"),  # an Arabic-Indic 1
                          ("salary=1/0", "divides by zero"),
                          ("salary=nan", "'nan' is not a number"),
                          ("salary=inf", "'inf' is not a number"),
                          ("salary=1e400", "decimal exponent beyond 300"),
                          ("salary", "is not NAME=VALUE"),
                          ("=3", "is not NAME=VALUE")]],
    pytest.param(["solve", MISSING, "--set", "salary=1", "--set", "salary=2"], "set twice",
                 id="--set twice"),
    pytest.param(["convert", MISSING, "out.toml", "--set", "salary=abc"], "not a number",
                 id="convert --set"),
    # --vary
    *[pytest.param(["sweep", MISSING, "--vary", text], named, id=f"--vary {text}")
      for text, named in [("salary=0:1", "is not NAME=START:STOP:COUNT"),
                          ("salary", "is not NAME=START:STOP:COUNT"),
                          ("=0:1:3", "is not NAME=START:STOP:COUNT"),
                          ("salary=a:1:3", "START: 'a' is not a number"),
                          ("salary=0:inf:3", "STOP: 'inf' is not a number"),
                          ("salary=0:1:0", "COUNT must be at least 1"),
                          ("salary=0:1:x", "COUNT must be a whole number"),
                          ("salary=0:1:2.5", "COUNT must be a whole number")]],
    pytest.param(["sweep", MISSING], "at least one --vary", id="no --vary"),
    pytest.param(["sweep", MISSING, "--vary", "salary=0:1:3", "--vary", "salary=0:2:3"],
                 "varied twice", id="--vary twice"),
    pytest.param(["sweep", MISSING, "--vary", "salary=0:1:3", "--set", "salary=1"],
                 "both --vary and --set", id="--vary and --set"),
    # --plot
    pytest.param(["sweep", MISSING, "--vary", "salary=0:1:3", "--plot", "map.jpg"],
                 "must end in .png, .svg or .pdf", id="--plot suffix"),
    pytest.param(["sweep", MISSING, "--vary", "a=0:1:2", "--vary", "b=0:1:2", "--vary",
                  "c=0:1:2", "--plot", "map.png"], "one or two varied parameters",
                 id="--plot three axes"),
    # --free and --for
    pytest.param(["thresholds", MISSING, "--free", "salary", "--set", "salary=1"],
                 "both --free and --set", id="--free and --set"),
    pytest.param(["thresholds", MISSING, "--free", "salary", "--free", "salary"],
                 "given twice", id="--free twice"),
    pytest.param(["thresholds", MISSING, "--for", "salary", "--set", "salary=1"],
                 "both --for and --set", id="--for and --set"),
    pytest.param(["thresholds", MISSING, "--free", "salary", "--for", "reliability"],
                 "add --free reliability", id="--for outside --free"),
    # choices
    *[pytest.param([command, MISSING, option, "bogus", *extra], "'bogus' is not one of",
                   id=f"{command} {option} bogus")
      for command, option, extra in [
          ("solve", "--format", []), ("solve", "--concept", []), ("solve", "--method", []),
          ("sweep", "--format", ["--vary", "salary=0:1:3"]),
          ("sweep", "--concept", ["--vary", "salary=0:1:3"]),
          ("thresholds", "--format", []), ("draw", "--format", []), ("draw", "--concept", []),
          ("convert", "--to", ["out.toml"])]],
    pytest.param(["solve", MISSING, "--explain", "--format", "csv"], "--explain works with",
                 id="--explain csv"),
    # formats against file names (item 6), and -o
    pytest.param(["draw", MISSING, "--format", "png", "-o", "x.svg"],
                 "--format png conflicts with -o x.svg", id="draw png into .svg"),
    pytest.param(["draw", MISSING, "--format", "tikz", "-o", "x.dot"],
                 "--format tikz conflicts with -o x.dot", id="draw tikz into .dot"),
    pytest.param(["draw", MISSING, "--format", "dot", "-o", "x.tex"],
                 "--format dot conflicts with -o x.tex", id="draw dot into .tex"),
    pytest.param(["draw", MISSING, "--format", "svg", "-o", "x.txt"],
                 "does not name --format svg", id="draw svg into .txt"),
    pytest.param(["draw", MISSING, "-o", "x.xyz"], "cannot tell the format", id="draw -o .xyz"),
    pytest.param(["convert", MISSING, "out.toml", "--to", "json"],
                 "--to json conflicts with OUT 'out.toml'", id="convert json into .toml"),
    pytest.param(["convert", MISSING, "out.efg", "--to", "nfg"],
                 "--to nfg conflicts with OUT 'out.efg'", id="convert nfg into .efg"),
    pytest.param(["convert", MISSING, "out.txt", "--to", "json"], "can be read back",
                 id="convert --to json into .txt"),
    pytest.param(["convert", MISSING, "out"], "can be read back", id="convert no suffix"),
    pytest.param(["convert", MISSING, "-"], "say which format", id="convert - without --to"),
    # --equilibrium and --no-equilibrium
    pytest.param(["draw", MISSING, "--equilibrium", "0"], "--equilibrium", id="--equilibrium 0"),
    pytest.param(["draw", MISSING, "--equilibrium", "x"], "--equilibrium", id="--equilibrium x"),
    pytest.param(["draw", MISSING, "--no-equilibrium", "--equilibrium", "2"],
                 "conflicts with --no-equilibrium", id="--no-equilibrium --equilibrium"),
    pytest.param(["draw", MISSING, "--no-equilibrium", "--concept", "nash"],
                 "conflicts with --no-equilibrium", id="--no-equilibrium --concept"),
    # the group, and arguments
    pytest.param(["solev"], "No such command 'solev'", id="unknown command"),
    pytest.param(["solve", "--bogus"], "No such option '--bogus'", id="unknown option"),
    pytest.param(["games", "extra"], "unexpected extra argument", id="games extra argument"),
    pytest.param(["solve", "--set"], "'--set' requires an argument", id="--set no value"),
]


@pytest.mark.parametrize(("args", "named"), USAGE)
def test_bad_usage_exits_2_with_one_line(args, named):
    result = run(*args)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and named in lines[0], lines[0]
    assert lines[0].endswith(" -h'."), lines[0]
    if not args[0].startswith("-") and args[0] != "solev":  # the hint names the subcommand
        assert f" {args[0]} -h'." in lines[0].rsplit("Try ", 1)[1]


FAILURES = [
    pytest.param(["solve", "--set", "wage=1"], "unknown parameter 'wage'", id="--set unknown"),
    pytest.param(["solve", "--set", "reliability=2"], "reliability", id="--set out of bounds"),
    pytest.param(["draw", "kreps-trust", "--equilibrium", "9"], "--equilibrium 9",
                 id="--equilibrium past the last"),
    pytest.param(["sweep", "--vary", "wage=0:1:3"], "unknown parameter 'wage'",
                 id="--vary unknown"),
    pytest.param(["thresholds", "--free", "wage"], "unknown parameter 'wage'",
                 id="--free unknown"),
    pytest.param(["thresholds", "prisoners-dilemma", "--for", "wage"], "'wage'",
                 id="--for unknown"),
    pytest.param(["show", MISSING], "no such file", id="missing game"),
    pytest.param(["convert", "kreps-trust", "nowhere/out.toml"], "nowhere/out.toml",
                 id="convert into a missing folder"),
    pytest.param(["draw", "kreps-trust", "-o", "nowhere/x.dot"], "nowhere/x.dot",
                 id="draw into a missing folder"),
    # a file that cannot be written is a file problem (1) wherever it is found, even before
    # the game is read (the game named here does not exist)
    pytest.param(["sweep", MISSING, "--vary", "salary=0:1:3", "--plot", "nowhere/map.png"],
                 "folder 'nowhere' does not exist", id="--plot into a missing folder"),

]


@pytest.mark.parametrize("args", [
    ["sweep", MISSING, "--vary", "salary=0:1:3", "--plot", "{dir}/map.png"],
    ["draw", MISSING, "-o", "{dir}/map.png"],
    ["convert", MISSING, "{dir}/game.toml"],
])
def test_writing_onto_a_folder_exits_1_before_the_game_is_read(tmp_path, args):
    """The same rule for every writer (issue 16's review found 2 for draw, 1 for the rest)."""
    (tmp_path / "map.png").mkdir()
    (tmp_path / "game.toml").mkdir()
    result = run(*(a.format(dir=tmp_path) for a in args))
    assert result.exit_code == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "a folder has that name" in result.stderr


@pytest.mark.parametrize(("args", "named"), FAILURES)
def test_failures_with_a_well_formed_command_line_exit_1_with_one_line(args, named):
    result = run(*args)
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and named in lines[0], lines


@pytest.mark.parametrize(("args", "written"), [
    (["convert", "kreps-trust", "out.json", "--to", "json"], "out.json"),
    (["convert", "kreps-trust", "out.EFG", "--to", "efg"], "out.EFG"),
    (["draw", "kreps-trust", "--format", "tikz", "-o", "out.tikz"], "out.tikz"),
    (["draw", "kreps-trust", "--format", "dot", "-o", "out.gv"], "out.gv"),
    (["draw", "kreps-trust", "--format", "dot", "-o", "out"], "out"),
])
def test_a_format_that_agrees_with_the_name_is_written(tmp_path, monkeypatch, args, written):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / written).stat().st_size > 0
