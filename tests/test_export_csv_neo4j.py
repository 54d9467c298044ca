"""CSV exports: the GDELT-like events table, and neo4j-admin import files that a real
`neo4j-admin database import full` loads into a Neo4j whose answers match the source store."""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Iterator

import devservers
import pytest

from diplograph.graph.stores.oxigraph.store import OxigraphStore
from diplograph.queries.events import events
from diplograph.queries.export import EVENT_COLUMNS, export_graph


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("csv")) as opened:
        opened.write(example_graphs)
        yield opened


def read_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_events_table_has_one_row_per_event(store, tmp_path):
    summary = export_graph(store, "csv", tmp_path / "events.csv", include_all=True)
    records = events(store, include_all=True)
    rows = read_rows(tmp_path / "events.csv")
    assert summary.paths == (tmp_path / "events.csv",)
    assert list(rows[0]) == [name for name, _, _ in EVENT_COLUMNS]
    assert [r["event_id"] for r in rows] == [r.id for r in records]
    for row, record in zip(rows, records):
        assert row["cameo_code"] == record.cameo_code  # leading zeros kept
        assert row["cameo_root"] == record.cameo_code[:2]
        assert float(row["goldstein"]) == record.goldstein
        assert int(row["quad_class"]) == record.quad_class
        assert row["source_ids"].split("; ") == [a.id for a in record.source]
        assert row["target_ids"] == "; ".join(a.id for a in record.target)
        assert row["negated"] == str(record.negated).lower()
        assert row["sentence"] == record.sentence
        assert row["month"] == (record.date[:7] if record.date and len(record.date) >= 7 else "")


def test_every_column_is_documented():
    assert all(meaning for _, meaning, _ in EVENT_COLUMNS)
    assert len({name for name, _, _ in EVENT_COLUMNS}) == len(EVENT_COLUMNS)


def test_a_directory_gets_the_table_and_the_import_files(store, tmp_path):
    summary = export_graph(store, "csv", tmp_path / "out")
    names = {p.relative_to(tmp_path / "out").as_posix() for p in summary.paths}
    assert names == {"events.csv", "neo4j/actors.csv", "neo4j/articles.csv", "neo4j/events.csv",
                     "neo4j/reported_in.csv", "neo4j/source_of.csv", "neo4j/targets.csv",
                     "neo4j/direct.csv", "neo4j/lookup_keys.csv", "neo4j/known_as.csv"}
    files = {arg.split("=", 1)[1] for arg in summary.command if arg.startswith("--nodes=")
             or arg.startswith("--relationships=")}
    assert files == {n.split("/")[1] for n in names if n.startswith("neo4j/")}
    assert len(read_rows(tmp_path / "out" / "neo4j" / "events.csv")) == summary.events


def admin_import(folder, home, command) -> None:
    """Run neo4j-admin from the server jars (org.neo4j.cli.AdminTool) into `home`'s data."""
    lib = devservers.default_cache() / "neo4j-5.26" / "lib"
    if not list(lib.glob("neo4j-command-line-*.jar")):
        pytest.skip(f"neo4j-admin classes not found in {lib}: run scripts/fetch-servers")
    conf = home.parent / "admin-conf"
    conf.mkdir()
    (conf / "neo4j.conf").write_text("db.tx_log.preallocate=false\n")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf)}
    done = subprocess.run(
        [devservers._java(), "-Xmx512m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
         *command[1:]], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout


@pytest.mark.neo4j
def test_neo4j_admin_import_answers_like_the_source(store, tmp_path, monkeypatch):
    from diplograph.graph.stores.neo4j.store import Neo4jStore

    summary = export_graph(store, "csv", tmp_path / "out", include_all=True)
    home = tmp_path / "home"
    home.mkdir()
    admin_import(tmp_path / "out" / "neo4j", home, summary.command)
    # devservers.start_neo4j makes its home with tempfile.mkdtemp: hand it the imported one.
    with monkeypatch.context() as patch:
        patch.setattr(devservers.tempfile, "mkdtemp", lambda prefix="": str(home))
        server = devservers.start_neo4j()
    with server, Neo4jStore(server.uri) as imported:
        # Each new query plan costs seconds on a cold server: two that cover fields and keys.
        for filters in ({"include_all": True}, {"actor": "Xi Jinping", "counterpart": "KGZ"}):
            assert events(imported, **filters) == events(store, **filters), filters
        (row,) = imported.query("MATCH (:Actor)-[r]->(:Actor) RETURN count(r) AS n")
        assert row["n"] == len(read_rows(tmp_path / "out" / "neo4j" / "direct.csv")) > 0
