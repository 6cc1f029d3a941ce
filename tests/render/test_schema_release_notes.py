"""The schemas' descriptions name only released versions of commit-calc: a key "added in 0.3"
while the package is 0.1.0 misleads a reader (found by a code review)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import commit_calc

SCHEMAS = sorted([*(Path(commit_calc.__file__).parent / "render" / "schemas").glob("*.json"),
                  *(Path(commit_calc.__file__).parent / "io" / "schemas").glob("*.json")])
#: A version of the package named in prose: "commit-calc 0.1.0", "added in 0.3".
RELEASE = re.compile(r"(?:commit-calc|added in|since|before|after)\s+v?(\d+(?:\.\d+)+)")


def _descriptions(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield value
            else:
                yield from _descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value)


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_pattern_reads_versions_as_written() -> None:
    assert RELEASE.findall("bayes (added in 0.3): x; documents by commit-calc 0.1.0") == [
        "0.3", "0.1.0"]


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_descriptions_name_no_version_after_the_package(path: Path) -> None:
    package = _release(commit_calc.__version__)
    later = [(found, text[:60]) for text in _descriptions(json.loads(path.read_text()))
             for found in RELEASE.findall(text) if _release(found) > package]
    assert later == []
