"""The README's Python examples run as doctests, so the front page stays true."""

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_python_examples():
    result = doctest.testfile(str(README), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5
    assert result.failed == 0


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def test_the_quick_start_installs_what_the_tour_uses():
    """The tour draws with ``--plot`` (matplotlib): the quick start's one command installs
    the ``plot`` extra."""
    install = re.search(r"```sh\n(.*)\n```", _section("Quick start"))[1]
    assert "--plot" in _section("A tour")
    assert re.fullmatch(r'pip install "\.\[(\w+,)*plot(,\w+)*\]" && commit-calc solve', install)


def test_every_path_the_readme_names_is_in_the_repository():
    """Links and `path/like/this` in code spans point inside the repository, to files that
    exist (the Development section once pointed to a design file outside it)."""
    text = README.read_text(encoding="utf-8")
    root = README.parent.resolve()
    targets = [m[1] for m in re.finditer(r"\]\(([^)\s#]+)", text) if "://" not in m[1]]
    targets += [m[1] for m in re.finditer(r"`([\w./-]+/[\w.-]+\.(?:md|py|cff|toml))`", text)]
    assert targets
    for target in targets:
        path = (root / target).resolve()
        assert path.is_relative_to(root) and path.exists(), target
