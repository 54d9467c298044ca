"""Every command, run as a user would, on the embedded store: stdout carries data only."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = str(ROOT / "examples" / "articles.jsonl")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["-q", *args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "data")
    result = run("ingest", "--store", path, EXAMPLES)
    assert result.exit_code == 0, result.stderr
    assert "ingested 6 articles" in result.stderr
    assert result.stdout == ""
    return path


def test_extract_prints_the_jsonl_contract(seed_text, tmp_path):
    article = tmp_path / "seed.txt"
    article.write_text(seed_text, encoding="utf-8")
    result = run("extract", "--date", "2017-01-09", "--format", "jsonl", str(article))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    met = [r for r in records if r["trigger"] == "met"]
    assert met and met[0]["source"][0]["country"] == "KGZ" and met[0]["date"] == "2017-01-06"
    assert all(r["article_id"] == "seed" for r in records)


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_extract_other_formats(fmt):
    result = run("extract", "--format", fmt, EXAMPLES)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert len(json.loads(result.stdout)) >= 15
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {"id", "plover_type", "cameo_code", "date"} <= rows[0].keys()
    else:
        assert result.stdout.splitlines()[0].split()[:3] == ["date", "source", "type"]


def test_extract_reads_stdin():
    result = run("extract", "--date", "2019-06-14", "-",
                 input="Chinese President Xi Jinping visited Kyrgyzstan on June 12.\n")
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["cameo_code"], record["date"]) == ("042", "2019-06-12")


def test_bad_inputs_are_reported_and_skipped(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk "
                    "Yeol in Seoul.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "empty.txt" in result.stderr and "bad.jsonl:2" in result.stderr
    assert "skipped 2 items" in result.stderr


def test_ingest_twice_leaves_the_same_store(store):
    before = json.loads(run("stats", "--store", store, "--format", "json").stdout)[0]
    assert run("ingest", "--store", store, EXAMPLES).exit_code == 0
    after = json.loads(run("stats", "--store", store, "--format", "json").stdout)[0]
    assert after == before
    assert before["articles"] == 6 and before["events"] >= 15


def test_store_from_environment(store):
    result = CliRunner(env={"DIPLOGRAPH_STORE": store}).invoke(cli, ["stats", "--format", "json"])
    assert json.loads(result.stdout)[0]["articles"] == 6


def test_ask_timeline_shows_january_2017(store):
    result = run("ask", "timeline", "KGZ", "CHN", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["period"]: row for row in json.loads(result.stdout)}
    assert rows["2017-01"]["events"] >= 3
    assert rows["2019-06"]["events"] >= 2


def test_ask_timeline_by_year_with_type_filters(store):
    every = json.loads(run("ask", "timeline", "KGZ", "CHN", "--store", store, "--by", "year",
                           "--format", "json").stdout)
    consult = json.loads(run("ask", "timeline", "KGZ", "CHN", "--store", store, "--by", "year",
                             "--type", "CONSULT", "--quad-class", "1", "--format", "json").stdout)
    assert [r["period"] for r in every][:3] == ["2017", "2018", "2019"]
    assert [r["period"] for r in consult] == [r["period"] for r in every]
    assert all(set(r["by_type"]) <= {"CONSULT"} for r in consult)
    assert 0 < sum(r["events"] for r in consult) < sum(r["events"] for r in every)


def test_ask_timeline_table_hides_empty_periods_and_says_so(store):
    result = run("ask", "timeline", "KGZ", "CHN", "--store", store, "--by", "quarter")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["period", "events", "goldstein_sum"]
    assert "2017-Q1" in result.stdout and "periods without events not shown" in result.stderr


def test_ask_partners_lists_counterparts_with_their_tone(store):
    rows = json.loads(run("ask", "partners", "KGZ", "--store", store, "--format", "json").stdout)
    assert rows[0]["counterpart_id"] == "country:CHN" and rows[0]["counterpart_name"] == "China"
    assert rows[0]["events"] >= 5 and rows[0]["events"] == max(r["events"] for r in rows)
    hostile = run("ask", "partners", "KGZ", "--store", store, "--sort", "hostile", "--top", "1",
                  "--by", "actor", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(hostile.stdout)))
    assert float(row["goldstein_sum"]) == min(r["goldstein_sum"] for r in json.loads(run(
        "ask", "partners", "KGZ", "--store", store, "--by", "actor", "--top", "500",
        "--format", "json").stdout))
    table = run("ask", "partners", "KGZ", "--store", store).stdout.splitlines()
    assert table[0].split()[:3] == ["counterpart_name", "counterpart_id", "events"]


def test_ask_partners_refuses_a_bad_type_in_one_line(store):
    result = CliRunner().invoke(cli, ["ask", "partners", "KGZ", "--store", store, "--type",
                                      "MEETING"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and "MEETING" in result.stderr


def test_ask_met_by_name_and_by_country(store):
    by_name = json.loads(run("ask", "met", "Xi Jinping", "--store", store, "--format",
                             "json").stdout)
    assert {"Almazbek Atambayev", "Sooronbay Jeenbekov", "Vladimir Putin"} <= {
        r["counterpart_name"] for r in by_name}
    by_country = json.loads(run("ask", "met", "KGZ", "--store", store, "--format",
                                "json").stdout)
    assert any(r["date"] == "2017-01-06" for r in by_country)


def test_query_binds_parameters(store):
    text = "SELECT DISTINCT ?name ?actor WHERE { ?actor rdfs:label ?name }"
    result = run("query", "--store", store, "--sparql", text, "--param", "name=Xi Jinping",
                 "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["actor"] for r in rows] == [
        "https://w3id.org/diplograph/id/actor/person:xi-jinping"]
    hostile = run("query", "--store", store, "--sparql", text, "--param",
                  'name=x" } ; DROP ALL ; #', "--format", "json")
    assert json.loads(hostile.stdout) == []
    assert json.loads(run("stats", "--store", store, "--format", "json").stdout)[0]["events"]


def test_query_in_the_wrong_language_is_one_clear_error(store):
    result = CliRunner().invoke(cli, ["query", "--store", store, "--cypher", "MATCH (n) RETURN n"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: this store answers SPARQL")
    assert "Traceback" not in result.stderr


def test_eval_scores_a_gold_set():
    data = ROOT.parent / "shared" / "data"
    if not data.exists():
        pytest.skip("shared gold data not available")
    result = run("eval", "petr2-gsr", "--limit", "10", "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["set"] == "petr2-gsr"


def test_a_sparql_endpoint_that_is_not_there_is_one_line():
    result = CliRunner(env={"DIPLOGRAPH_SPARQL_USER": None}).invoke(
        cli, ["stats", "--store", "http://127.0.0.1:9/query"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the SPARQL endpoint")
    assert result.stderr.count("\n") == 1


def test_an_unselected_parameter_gets_the_fix_in_its_error(store):
    text = "SELECT ?actor WHERE { ?actor rdfs:label ?name }"
    result = CliRunner().invoke(cli, ["query", "--store", store, "--sparql", text,
                                      "--param", "name=Xi Jinping"])
    assert result.exit_code == 1
    assert "add ?name to the SELECT clause" in result.stderr
