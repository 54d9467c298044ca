"""`diplograph import`: each dataset maps onto the model, answers agree with pandas counts on
the same file, re-importing changes nothing, bad rows are reported and skipped, a killed import
is finished by running it again, and questions filter on the events' origin."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.errors import InputError
from diplograph.graph.model import Actor, ArticleGraph, Event
from diplograph.graph.stores import Store, open_store
from diplograph.graph.stores.bulk import write_bulk
from diplograph.ingest.imports import read_records
from diplograph.ingest.imports.load import import_files
from diplograph.queries.events import events
from diplograph.queries.partners import partners
from diplograph.queries.timeline import timeline

from conftest import SHARED_DATA

GDELT = SHARED_DATA / "gdelt-events-sample"
GEORGIA = GDELT / "gdelt1_georgia_2012-08.csv"
ICEWS = SHARED_DATA / "icews-sample" / "icews_events.2018.sample.tab"
FIXTURES = Path(__file__).parent / "fixtures" / "imports"
BACKENDS = ["oxigraph", pytest.param("neo4j", marks=pytest.mark.neo4j)]

pytestmark = pytest.mark.skipif(not GEORGIA.exists(), reason="shared GDELT sample not found")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path: Path) -> Iterator[Store]:
    if request.param == "oxigraph":
        address = str(tmp_path / "db")
    else:
        address = request.getfixturevalue("neo4j_server").uri
    with open_store(address) as opened:
        if opened.language == "cypher":
            opened.query("MATCH (n) DETACH DELETE n", write=True)
        yield opened


def _dyad_months(frame: pd.DataFrame, a: str, b: str, source: str, target: str,
                 day: str) -> dict[str, int]:
    pair = (((frame[source] == a) & (frame[target] == b))
            | ((frame[source] == b) & (frame[target] == a)))
    return frame[pair][day].astype(str).str[:7].value_counts().sort_index().to_dict()


def test_gdelt1_import_then_timeline_gives_the_pandas_dyad_counts(tmp_path: Path) -> None:
    """The issue's done-when, through the CLI as a user runs it."""
    address = str(tmp_path / "db")
    runner = CliRunner()
    result = runner.invoke(cli, ["import", "gdelt1", str(GEORGIA), "--store", address])
    assert result.exit_code == 0, result.output
    assert "imported 1255 gdelt1 events" in result.stderr
    result = runner.invoke(cli, ["ask", "timeline", "USA", "RUS", "--store", address,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(GEORGIA, dtype=str, keep_default_na=False)
    frame["month"] = frame.SQLDATE.str[:4] + "-" + frame.SQLDATE.str[4:6]
    expected = _dyad_months(frame, "USA", "RUS", "Actor1CountryCode", "Actor2CountryCode",
                            "month")
    got = {row["period"]: row["events"] for row in json.loads(result.stdout) if row["events"]}
    assert got == expected == {"2012-08": 44}


def test_importing_again_gives_the_same_graph_on_every_backend(store: Store) -> None:
    first = import_files("gdelt1", [GEORGIA], store)
    size = store.count()
    again = import_files("gdelt1", [GEORGIA], store)
    assert (first.events, again.events, first.skipped) == (1255, 1255, [])
    assert store.count() == size
    rows = timeline(store, "USA", "RUS", directed=True)
    assert [(r.period, r.events) for r in rows] == [("2012-08", 28)]


def test_icews_dyads_equal_pandas_counts_on_every_backend(store: Store) -> None:
    summary = import_files("icews", [ICEWS], store)
    assert (summary.events, summary.skipped) == (3705, [])
    frame = pd.read_csv(ICEWS, sep="\t", dtype=str, keep_default_na=False)
    for a, b, name_a, name_b in (("USA", "PRK", "United States", "North Korea"),
                                 ("RUS", "PRK", "Russian Federation", "North Korea")):
        expected = frame[(frame["Source Country"] == name_a)
                         & (frame["Target Country"] == name_b)]["Event Date"].str[:7]
        rows = timeline(store, a, b, directed=True)
        assert {r.period: r.events for r in rows} == expected.value_counts().to_dict()


def test_the_origin_filters_every_kind_of_question(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "db")) as store:
        import_files("gdelt1", [GEORGIA], store)
        import_files("polecat", [FIXTURES / "polecat.tsv"], store)
        gdelt = timeline(store, "RUS", "CHN", origins="gdelt")
        polecat = timeline(store, "RUS", "CHN", origins="polecat")
        assert [(r.period, r.events) for r in polecat] == [("2023-03", 2)]
        assert all(r.period.startswith("2012") for r in gdelt)
        assert {p.counterpart_id for p in partners(store, "UKR", origins="polecat")} == {
            "country:RUS"}
        assert {r.origin for r in events(store, actor="UKR")} == {"gdelt1", "polecat"}
    runner = CliRunner()
    result = runner.invoke(cli, ["ask", "timeline", "RUS", "CHN", "--origin", "polecat",
                                 "--store", str(tmp_path / "db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [row["events"] for row in json.loads(result.stdout)] == [2]
    result = runner.invoke(cli, ["ask", "timeline", "RUS", "CHN", "--origin", "acled",
                                 "--store", str(tmp_path / "db")])
    assert result.exit_code == 1 and "unknown origin 'acled'" in result.stderr
    result = runner.invoke(cli, ["ask", "compare", "RUS", "CHN", "--period1", "2012",
                                 "--period2", "2023", "--origin", "polecat",
                                 "--store", str(tmp_path / "db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    measures = {row["measure"]: (row["period1"], row["period2"])
                for row in json.loads(result.stdout)}
    assert measures["events"] == (0, 2)


def test_a_bad_row_is_reported_with_its_line_and_skipped(tmp_path: Path) -> None:
    lines = GEORGIA.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "broken.csv"
    bad_code = lines[1].replace('"130","130","13"', '"999","999","99"')
    assert bad_code != lines[1]
    broken.write_text("".join([lines[0], bad_code, "1,2,3\n", *lines[2:10]]))
    result = CliRunner().invoke(cli, ["import", "gdelt1", str(broken),
                                      "--store", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    assert f"{broken}:2: unknown CAMEO code '999'" in result.stderr
    assert f"{broken}:3: wrong number of columns (3, expected 58)" in result.stderr
    assert "skipped 2 items: 1 unknown CAMEO code, 1 wrong number of columns" in result.stderr
    assert "imported 8 gdelt1 events" in result.stderr


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_killed_import_is_finished_by_running_it_again(backend: str, request,
                                                         tmp_path: Path) -> None:
    """Killed midway, the bulk path leaves its stale marker; the next open rebuilds the rollup,
    and the same import run again gives what one clean run gives."""
    if backend == "oxigraph":
        clean_address, address = str(tmp_path / "clean"), str(tmp_path / "killed")
        step = {"chunk": 300}
    else:
        clean_address = address = request.getfixturevalue("neo4j_server").uri
        step = {"batch_size": 300}
    with open_store(clean_address) as clean:
        if clean.language == "cypher":
            clean.query("MATCH (n) DETACH DELETE n", write=True)
        import_files("gdelt1", [GEORGIA], clean)
        expected = (clean.count(), timeline(clean, "USA", "GEO"), timeline(clean, "USA", "RUS"))
        if clean.language == "cypher":
            clean.query("MATCH (n) DETACH DELETE n", write=True)

    def killed_after(n: int) -> Iterator[ArticleGraph]:
        for i, graph in enumerate(read_records("gdelt1", [GEORGIA], skipped=[])):
            if i == n:
                raise KeyboardInterrupt
            yield graph

    with open_store(address) as store, pytest.raises(KeyboardInterrupt):
        store.write_bulk(killed_after(700), **step)
    with open_store(address) as store:
        assert timeline(store, "USA", "GEO")  # the rollup of what was written, rebuilt
        import_files("gdelt1", [GEORGIA], store)
        assert (store.count(), timeline(store, "USA", "GEO"),
                timeline(store, "USA", "RUS")) == expected


def test_gdelt2_events_take_their_provenance_from_the_mentions(tmp_path: Path) -> None:
    skipped: list = []
    graphs = list(read_records("gdelt2", [FIXTURES / "gdelt2.export.tsv"], skipped=skipped,
                               mentions=[FIXTURES / "gdelt2.mentions.tsv"]))
    assert [str(s) for s in skipped] == [
        f"{FIXTURES / 'gdelt2.export.tsv'}:3: malformed SQLDATE '2024-01-07' (want YYYYMMDD)"]
    first, second = (g.events[0] for g in graphs)
    assert graphs[0].article.url == "https://news.example.org/us-china-talks"
    # the mention in the event's own document, not the earlier one elsewhere
    assert (first.sentence_index, first.span, first.confidence) == (3, (141, 141), 0.8)
    assert (first.source_event_id, first.origin, first.date) == ("1100000001", "gdelt2",
                                                                 "2024-01-05")
    assert [a.id for a in first.source] == ["organization:cameo-usagov"]
    assert (second.cameo_code, second.quad_class, second.goldstein) == ("1125", 3, -2.0)


def test_polecat_keeps_its_plover_coding(tmp_path: Path) -> None:
    skipped: list = []
    graphs = list(read_records("polecat", [FIXTURES / "polecat.tsv"], skipped=skipped))
    assert [s.why for s in skipped] == ["unknown PLOVER type 'GOSSIP'"]
    visit, joint, accuse = (g.events[0] for g in graphs)
    assert (visit.plover_type, visit.plover_mode, visit.cameo_code) == ("CONSULT", "visit", "040")
    assert [a.id for a in visit.source] == ["person:xi-jinping"]
    assert visit.source[0].role == "President"
    assert graphs[0].article.date == "2023-03-22"
    assert [a.id for a in joint.source] == ["country:CHN", "country:RUS"] and not joint.target
    assert (accuse.plover_mode, accuse.quad_class, accuse.goldstein) == (None, 3, -2.0)


def test_event_jsonl_keeps_ids_and_groups_articles(tmp_path: Path) -> None:
    kgz, chn = Actor.country_actor("KGZ", "Kyrgyzstan"), Actor.country_actor("CHN", "China")
    made = [Event(article, i, "A sentence.", (i * 10, i * 10 + 3), "met", "met", "CONSULT", "040", 1.0, 1,
                  source=(kgz,), target=(chn,), date="2017-01-06")
            for article, i in (("a1", 0), ("a2", 0), ("a1", 1))]
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in made) + "{oops\n")
    skipped: list = []
    graphs = list(read_records("events", [path], skipped=skipped))
    assert [str(s).split(": ", 1)[1] for s in skipped] == ["not valid JSON: Expecting "
                                                          "property name enclosed in double "
                                                          "quotes (col 2)"]
    assert [(g.article.id, [e.id for e in g.events]) for g in graphs] == [
        ("a1", [made[0].id, made[2].id]), ("a2", [made[1].id])]
    with open_store(str(tmp_path / "db")) as store:
        write_bulk(store, graphs)
        assert [r.origin for r in events(store)] == ["extract"] * 3
        assert sum(r.events for r in timeline(store, "KGZ", "CHN", origins="extract")) == 3


def test_an_unknown_format_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "acled", str(GEORGIA)])
    assert result.exit_code == 2 and "acled" in result.stderr
    with pytest.raises(InputError, match="unknown import format"):
        list(read_records("acled", [GEORGIA], skipped=[]))


class _WithoutBulkPath:
    """A real store seen through its `Store` methods only, as a backend without a bulk path
    (the remote SPARQL store) is."""

    def __init__(self, inner: Store):
        self.inner = inner

    def __getattr__(self, name: str):
        if name == "write_bulk":
            raise AttributeError(name)
        return getattr(self.inner, name)


def test_a_backend_without_a_bulk_path_takes_imports_through_write(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "bulk")) as bulk:
        import_files("gdelt1", [GEORGIA], bulk)
        expected = (bulk.count(), timeline(bulk, "USA", "RUS"))
    with open_store(str(tmp_path / "plain")) as plain:
        steps: list[int] = []
        graphs = read_records("gdelt1", [GEORGIA], skipped=[])
        assert write_bulk(_WithoutBulkPath(plain), graphs, on_written=steps.append) == 1255
        assert steps == [1000, 255]
        assert (plain.count(), timeline(plain, "USA", "RUS")) == expected
