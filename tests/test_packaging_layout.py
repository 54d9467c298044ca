"""The card's folders install under one import name, in editable and in wheel installs."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPPING = {"diplograph": "diplograph", "diplograph.graph": "graph",
           "diplograph.ingest": "ingest", "diplograph.queries": "queries"}


def _source_packages() -> set[str]:
    """Every folder with an __init__.py under the mapped roots, as its installed name."""
    found = set()
    for name, folder in MAPPING.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *rel)))
    return found


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    assert listed == _source_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    [built] = out.glob("diplograph-*.whl")
    return built


def test_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name, folder in MAPPING.items():
        prefix = name.replace(".", "/")
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".csv", ".rq", ".cypher", ".html", ".css", ".js", ".onnx",
                               ".json", ".jsonl", ".md") and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT / folder).as_posix()
                assert f"{prefix}/{rel}" in names, f"{folder}/{rel} missing from the wheel"
    assert not any(n.startswith(("graph/", "ingest/", "queries/", "tests/")) for n in names)


def test_wheel_imports_and_reads_its_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    code = ("import sys; sys.path = [p for p in sys.path if p and not "
            f"(p.startswith({str(ROOT)!r}) and '.venv' not in p)];"
            f"sys.path.insert(0, {str(target)!r});"
            "import diplograph.graph.codes as c, diplograph.ingest.lexicon as l, "
            "diplograph.queries.templates as t;"
            "assert c.cameo('042').plover_type == 'CONSULT';"
            "assert l.entries_for('meet', 'verb');"
            "import diplograph.ingest.annotations as a;"
            "assert len(a.read_corpus()) > 1500;"
            "print(c.__file__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout


def test_only_the_diplograph_name_is_imported():
    code = ("import sys, diplograph.cli, diplograph.api, diplograph.queries.questions;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('graph', 'ingest', 'queries')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("graph", ("diplograph.ingest", "diplograph.queries", "diplograph.cli", "diplograph.api")),
    ("ingest", ("diplograph.queries", "diplograph.cli", "diplograph.api")),
    ("queries", ("diplograph.ingest", "diplograph.cli", "diplograph.api")),
])
def test_dependencies_point_one_way(folder, forbidden):
    for path in (ROOT / folder).rglob("*.py"):
        for module in _imports(path):
            assert not module.startswith(forbidden), f"{path.relative_to(ROOT)} imports {module}"
            assert module.split(".")[0] not in ("graph", "ingest", "queries"), \
                f"{path.relative_to(ROOT)} uses a relative top-level import {module}"
