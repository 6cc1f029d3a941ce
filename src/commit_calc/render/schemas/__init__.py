"""JSON Schemas (draft 2020-12) of commit-calc's JSON outputs, one file per version."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_schema(name: str) -> dict[str, Any]:
    """The schema called ``name`` (``"solve-1"``, ``"sweep-1"``, ``"thresholds-1"``) as a dict.

    >>> load_schema("solve-1")["properties"]["format"]
    {'const': 'commit-calc/solve/1'}
    >>> load_schema("sweep-1")["properties"]["format"]
    {'const': 'commit-calc/sweep/1'}
    """
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
