"""The distribution: the catalog lives in the repository's top-level ``games/``, the built
wheel carries every game inside the package, and an unpacked wheel reads its own copy; the
licence, citation file and changelog agree with the package's metadata."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import commit_calc
from commit_calc.errors import GameFileError
from commit_calc.io import catalog
from commit_calc.io.game_file import tomllib

REPOSITORY = Path(__file__).resolve().parents[2]
GAME_FILES = sorted(path.relative_to(REPOSITORY / "games").as_posix()
                    for path in (REPOSITORY / "games").glob("*/*.toml"))


def test_the_catalog_is_read_from_the_top_level_games_folder():
    assert len(GAME_FILES) == len(catalog.names())
    assert catalog.games_directory() == REPOSITORY / "games"
    assert not (REPOSITORY / "src" / "commit_calc" / "games").exists()


def _game(folder: Path, name: str) -> Path:
    path = folder / "games" / "classic" / f"{name}.toml"
    path.parent.mkdir(parents=True)
    path.write_text("", encoding="utf-8")
    return path


def test_an_installed_package_reads_its_own_games_folder(tmp_path):
    package = tmp_path / "site-packages" / "commit_calc"
    _game(package, "installed")
    _game(tmp_path, "repository")
    assert catalog.games_directory(package) == package / "games"


def test_a_source_tree_reads_the_repository_games_folder(tmp_path):
    package = tmp_path / "src" / "commit_calc"
    (package / "games").mkdir(parents=True)  # a leftover empty folder is not the catalog
    _game(tmp_path, "repository")
    assert catalog.games_directory(package) == tmp_path / "games"


def test_no_catalog_is_one_clear_error(tmp_path):
    with pytest.raises(GameFileError, match="the game catalog is missing: no game files in"):
        catalog.games_directory(tmp_path / "src" / "commit_calc")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sdist and wheel, built from this checkout by hatchling (no network: about 1 s)."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-d", str(out)],
                   cwd=REPOSITORY, check=True, capture_output=True, timeout=120)
    return out


def test_the_wheel_carries_every_game(built):
    (wheel,) = built.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in GAME_FILES if f"commit_calc/games/{name}" not in names]
    assert GAME_FILES and not missing


def test_the_sdist_carries_the_games_and_the_citation_files(built):
    (sdist,) = built.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = [f"games/{name}" for name in GAME_FILES] + [
        "LICENSE", "CITATION.cff", "CHANGELOG.md", "README.md", "pyproject.toml"]
    assert [name for name in wanted if name not in names] == []


def test_the_unpacked_wheel_finds_every_game(built, tmp_path):
    (wheel,) = built.glob("*.whl")
    zipfile.ZipFile(wheel).extractall(tmp_path)
    script = ("from commit_calc.io import catalog; "
              "print(catalog.games_directory()); print(len(catalog.names()))")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                            check=True, capture_output=True, text=True, timeout=60)
    directory, count = result.stdout.split()
    assert Path(directory) == tmp_path / "commit_calc" / "games"
    assert int(count) == len(GAME_FILES)


# Licence, citation, changelog -----------------------------------------------------------------

PROJECT = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_file_is_the_licence_pyproject_declares():
    text = (REPOSITORY / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == "MIT" and text.startswith("MIT License\n")
    assert f"Copyright (c) 2026 {PROJECT['authors'][0]['name']}" in text


def test_the_citation_file_is_valid_cff_for_this_version():
    yaml = pytest.importorskip("yaml")
    citation = yaml.safe_load((REPOSITORY / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):  # the keys CFF 1.2.0 requires
        assert citation[key], key
    assert citation["version"] == commit_calc.__version__  # a string, not the float 0.1
    assert citation["license"] == PROJECT["license"]
    assert [author["name"] for author in citation["authors"]] == [
        author["name"] for author in PROJECT["authors"]]


def test_the_changelog_has_this_version_and_an_unreleased_section():
    headings = [line for line in (REPOSITORY / "CHANGELOG.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("## ")]
    assert headings[0] == "## [Unreleased]"
    assert any(line.startswith(f"## [{commit_calc.__version__}] - ") for line in headings)
