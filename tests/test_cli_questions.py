"""The newer `ask` commands run as a user would: compare, agreements, evidence, path, and CSV that
opens as a flat table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.stores import open_store
from diplograph.queries.agreements import agreements
from diplograph.queries.frames import to_frame
from diplograph.queries.timeline import timeline

EXAMPLES = str(Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl")


def run(*args: str):
    return CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("questions") / "data")
    assert run("ingest", "--store", path, EXAMPLES).exit_code == 0
    return path


def test_timeline_csv_has_a_column_per_type_like_the_dataframe(store):
    result = run("ask", "timeline", "KGZ", "CHN", "--store", store, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with open_store(store) as opened:
        frame = to_frame(timeline(opened, "KGZ", "CHN"))
    assert list(rows[0]) == list(frame.columns)
    january = next(r for r in rows if r["period"] == "2017-01")
    assert int(january["by_type.CONSULT"]) >= 1
    assert int(january["events"]) == sum(int(january[c]) for c in january
                                         if c.startswith("by_quad_class."))


def test_compare_reports_both_periods(store):
    result = run("ask", "compare", "KGZ", "CHN", "--period1", "2017", "--period2", "2019",
                 "--store", store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = {c["measure"]: c for c in json.loads(result.stdout)}
    events = changes["events"]
    assert events["period1"] > 0 and events["period2"] > 0
    assert events["change"] == events["period2"] - events["period1"]


def test_compare_explains_a_bad_period(store):
    result = CliRunner().invoke(cli, ["ask", "compare", "KGZ", "CHN", "--period1", "2019/2017",
                                      "--period2", "2020", "--store", store])
    assert result.exit_code == 1
    assert "ends before it starts" in result.stderr and "Traceback" not in result.output


def test_agreements_lists_what_was_agreed(store):
    result = run("ask", "agreements", "--actor", "KGZ", "--counterpart", "CHN", "--store", store,
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    with open_store(store) as opened:
        expected = agreements(opened, "KGZ", "CHN")
    assert [r["event_id"] for r in records] == [r.event_id for r in expected]
    assert any("security" in (r["what"] or "") for r in records)
    signed = json.loads(run("ask", "agreements", "--signed", "--store", store, "--format",
                            "json").stdout)
    assert signed and all(r["signed"] for r in signed)


def test_evidence_shows_the_sentence_behind_an_event(store):
    first = json.loads(run("ask", "agreements", "--actor", "KGZ", "--store", store,
                           "--format", "json").stdout)[0]
    result = run("ask", "evidence", first["event_id"], "--store", store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["sentence"] == first["sentence"]
    assert record["span_text"] in record["sentence"]
    table = run("ask", "evidence", first["event_id"], "--store", store).stdout
    assert first["sentence"][:40] in table


def test_evidence_for_an_unknown_event_is_one_clear_error(store):
    result = CliRunner().invoke(cli, ["ask", "evidence", "e-no-such", "--store", store])
    assert result.exit_code == 1
    assert "no event with id 'e-no-such'" in result.stderr


def test_path_chains_actors_through_events(store):
    result = run("ask", "path", "Almazbek Atambayev", "Vladimir Putin", "--store", store,
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    paths = json.loads(result.stdout)
    assert paths and all(p["length"] == len(p["hops"]) for p in paths)
    assert paths[0]["actors"][0]["name"] == "Almazbek Atambayev"
    assert paths[0]["actors"][-1]["name"] == "Vladimir Putin"
    table = run("ask", "path", "Almazbek Atambayev", "Vladimir Putin", "--store", store).stdout
    assert table.startswith("1. Almazbek Atambayev -> ")


def test_actor_profile_counts_only_the_chosen_events(store):
    every = json.loads(run("ask", "actor", "Xi Jinping", "--store", store,
                           "--format", "json").stdout)[0]
    result = run("ask", "actor", "Xi Jinping", "--store", store, "--since", "2019",
                 "--type", "CONSULT", "--format", "json")
    assert result.exit_code == 0, result.stderr
    chosen = json.loads(result.stdout)[0]
    assert set(chosen["event_mix"]) == {"CONSULT"}
    assert 0 < chosen["event_mix"]["CONSULT"] < sum(every["event_mix"].values())
    assert chosen["affiliations"] == every["affiliations"]  # roles are always all given
    bad = CliRunner().invoke(cli, ["ask", "actor", "Xi Jinping", "--store", store,
                                   "--type", "NOPE"])
    assert bad.exit_code == 1 and "NOPE" in bad.stderr
