"""JSON Schemas (draft 2020-12) of commit-calc's JSON outputs, one file per version, and the
version stamp every output carries."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from commit_calc import __version__

VERSION_KEY = "commit_calc_version"
"""The key, in every JSON result commit-calc writes, of the commit-calc version that wrote it."""


def version_stamp() -> dict[str, str]:
    """``{"commit_calc_version": <this commit-calc's version>}``, merged into every JSON result
    (solve, sweep, thresholds) so a number can be traced to the release that computed it.

    >>> import commit_calc
    >>> version_stamp() == {"commit_calc_version": commit_calc.__version__}
    True
    """
    return {VERSION_KEY: __version__}


def load_schema(name: str) -> dict[str, Any]:
    """The schema called ``name`` (``"solve-1"``, ``"sweep-1"``, ``"thresholds-1"``,
    ``"repeated-1"``) as a dict.

    >>> load_schema("solve-1")["properties"]["format"]
    {'const': 'commit-calc/solve/1'}
    >>> load_schema("sweep-1")["properties"]["format"]
    {'const': 'commit-calc/sweep/1'}
    """
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
