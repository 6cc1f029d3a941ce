"""Every code example in ``docs/`` runs, and shows what commit-calc really prints.

Each Markdown file is worked through in order, in one temporary working directory:

* a fenced block whose info string has ``file=NAME`` (```` ```toml file=my-game.toml ````) is
  written to ``NAME`` there, so later commands can read it;
* a ```` ```python ```` block with ``>>>`` lines is a doctest (ELLIPSIS, NORMALIZE_WHITESPACE);
  all blocks of one file share one namespace, so later blocks use names from earlier ones;
* a ```` ```console ```` block holds ``$ commit-calc ...`` commands (``\\`` continues a line),
  each followed by the output it must print. ``...`` on a line of its own stands for any number
  of lines, inside a line for any text. A command must succeed unless its output shows an
  ``Error:``. ``requires=NAME`` in the info string skips the block when the Python module or
  program ``NAME`` (``matplotlib``, ``dot``) is missing.

Other blocks (```` ```sh ````, ```` ```text ````, ```` ```json ````, ```` ```toml ````) are
shown, not run; a ```` ```python ```` block must be a doctest or a ``file=`` block, so no
Python example escapes the tests.
"""

from __future__ import annotations

import difflib
import doctest
import importlib.util
import io
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

import commit_calc
from commit_calc.cli.main import cli

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

#: Python blocks that only show code, with the reason; every other one must run.
#: game-file-format.md belongs to the game-file author, who may turn its snippet into a doctest.
SHOWN_ONLY = {"game-file-format.md"}

FENCE = re.compile(r"^(?P<fence>```+|~~~+)\s*(?P<info>.*)$")
LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


@dataclass
class Block:
    """A fenced code block: its language, ``key=value`` options, text and first line."""

    language: str
    options: dict[str, str]
    text: str
    line: int


@dataclass
class Command:
    """A ``$ commit-calc ...`` line of a console block and the output shown after it."""

    line: int
    text: str
    expected: list[str] = field(default_factory=list)


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, in order."""
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        number += 1
        if opening is None:
            continue
        fence, info = opening["fence"], opening["info"].split()
        start, body = number, []
        while number < len(lines) and not lines[number].startswith(fence):
            body.append(lines[number])
            number += 1
        number += 1
        language = info[0] if info else ""
        options = dict(word.partition("=")[::2] for word in info[1:])
        found.append(Block(language, options, "\n".join(body) + "\n", start))
    return found


def commands(block: Block) -> list[Command]:
    """The commands of a console block, with the output lines shown after each."""
    found: list[Command] = []
    continued = False
    for offset, line in enumerate(block.text.splitlines()):
        if continued:
            found[-1].text = found[-1].text[:-1] + " " + line.strip()
        elif line.startswith("$ "):
            found.append(Command(block.line + offset + 1, line[2:].strip()))
        elif found:
            found[-1].expected.append(line)
        else:
            raise AssertionError(f"line {block.line + offset + 1}: output before any command")
        continued = bool(found) and found[-1].text.endswith("\\") and not found[-1].expected
    return found


def _normalised(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def output_matches(expected: list[str], actual: str) -> bool:
    """Whether ``actual`` is the ``expected`` output, ``...`` standing for lines or text.

    >>> output_matches(["a ... c", "...", "z"], "a b c\\nx\\ny\\nz\\n")
    True
    >>> output_matches(["a", "..."], "a\\n")
    True
    >>> output_matches(["a"], "a\\nb\\n")
    False
    """
    pattern = []
    for line in _normalised(expected):
        if line.strip() == "...":
            pattern.append(r"(?:[^\n]*\n)*?")
        else:
            pattern.append("[^\n]*?".join(map(re.escape, line.split("..."))) + "\n")
    text = "".join(line + "\n" for line in _normalised(actual.splitlines()))
    return re.fullmatch("".join(pattern), text) is not None


def available(requirement: str) -> bool:
    """Whether a Python module or a program named ``requirement`` is installed."""
    return (importlib.util.find_spec(requirement) is not None
            or shutil.which(requirement) is not None)


def run_command(page: Path, command: Command) -> None:
    words = shlex.split(command.text)
    where = f"{page.relative_to(DOCS)}:{command.line}"
    assert words[0] == "commit-calc", f"{where}: only commit-calc commands are run: {command.text}"
    assert not {"|", ">", ">>", "<", "&&", ";"} & set(words), (
        f"{where}: pipes and redirections are not run; show them in a ```sh block"
    )
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, words[1:], prog_name="commit-calc")
    shows_error = any(line.startswith("Error:") for line in command.expected)
    if not shows_error and result.exit_code != 0:
        detail = repr(result.exception) if result.exception else ""
        pytest.fail(f"{where}: `{command.text}` exited {result.exit_code}:\n"
                    f"{result.output}{detail}")
    if shows_error:
        assert result.exit_code != 0, f"{where}: `{command.text}` was expected to fail"
    if not output_matches(command.expected, result.output):
        diff = difflib.unified_diff(_normalised(command.expected),
                                    _normalised(result.output.splitlines()),
                                    "shown in the docs", "printed", lineterm="")
        pytest.fail(f"{where}: `{command.text}` printed something else:\n" + "\n".join(diff))


def run_doctest(page: Path, block: Block, namespace: dict[str, object]) -> None:
    name = f"{page.relative_to(DOCS)}:{block.line}"
    test = doctest.DocTestParser().get_doctest(block.text, namespace, name, str(page),
                                               block.line)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    report = io.StringIO()
    runner.run(test, out=report.write, clear_globs=False)
    namespace.update(test.globs)
    if runner.failures:
        pytest.fail(report.getvalue())


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Write the page's files, run its doctests and commands in order, in a fresh directory."""
    monkeypatch.chdir(tmp_path)
    # examples may run ``python -m commit_calc`` in a subprocess: let it import this checkout
    source = str(Path(commit_calc.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")])))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    skipped = []
    for block in blocks(page):
        missing = [need for need in block.options.get("requires", "").split(",")
                   if need and not available(need)]
        if "file" in block.options:
            (tmp_path / block.options["file"]).write_text(block.text, encoding="utf-8")
        elif missing:
            skipped.append(f"line {block.line} needs {', '.join(missing)}")
        elif block.language == "console":
            for command in commands(block):
                run_command(page, command)
        elif block.language == "python":
            assert ">>>" in block.text or page.name in SHOWN_ONLY, (
                f"{page.relative_to(DOCS)}:{block.line}: a python block must be a doctest "
                "(>>>) or a file= block"
            )
            run_doctest(page, block, namespace)
    if skipped:
        pytest.skip("; ".join(skipped))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_links_resolve(page: Path) -> None:
    """Every relative link of a page points to a file that exists."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for match in LINK.finditer(text):
        target = match["target"].partition("#")[0]
        if not target or re.match(r"[a-z]+:", target):
            continue
        assert (page.parent / target).exists(), f"{page.relative_to(DOCS)}: broken link {target}"


def test_every_page_is_linked_from_the_index() -> None:
    """The index reaches every page, so none is orphaned."""
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = {(DOCS / m["target"].partition("#")[0]).resolve() for m in LINK.finditer(index)}
    orphans = [str(p.relative_to(DOCS)) for p in PAGES if p.name != "index.md"
               and p.resolve() not in linked]
    assert not orphans, f"pages not linked from docs/index.md: {orphans}"
