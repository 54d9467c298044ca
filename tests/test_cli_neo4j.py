"""The CLI against a real Neo4j server: ingest, questions, and read-only raw Cypher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

pytestmark = pytest.mark.neo4j
EXAMPLES = str(Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl")


def run(*args: str):
    return CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def uri(neo4j_server) -> str:
    import neo4j

    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    result = run("ingest", "--store", neo4j_server.uri, EXAMPLES)
    assert result.exit_code == 0, result.stderr
    return neo4j_server.uri


def test_ingest_twice_is_idempotent(uri):
    before = json.loads(run("stats", "--store", uri, "--format", "json").stdout)[0]
    assert run("ingest", "--store", uri, EXAMPLES).exit_code == 0
    after = json.loads(run("stats", "--store", uri, "--format", "json").stdout)[0]
    assert after == before and before["articles"] == 6


def test_timeline_on_neo4j_shows_january_2017(uri):
    rows = json.loads(run("ask", "timeline", "KGZ", "CHN", "--store", uri, "--format",
                          "json").stdout)
    assert {r["period"]: r["events"] for r in rows}["2017-01"] >= 3


def test_raw_cypher_reads_with_bound_parameters(uri):
    result = run("query", "--store", uri, "--cypher",
                 "MATCH (a:Actor {name: $name})-[:SOURCE_OF]->(e:Event) RETURN count(e) AS n",
                 "--param", "name=Xi Jinping", "--format", "json")
    assert json.loads(result.stdout)[0]["n"] >= 1


def test_raw_cypher_refuses_to_write_without_the_flag(uri):
    write = "CREATE (:Scratch {id: 'x'}) RETURN 1 AS done"
    refused = CliRunner().invoke(cli, ["query", "--store", uri, "--cypher", write])
    assert refused.exit_code == 1 and refused.stderr.startswith("Error:")
    allowed = run("query", "--store", uri, "--cypher", write, "--write", "--format", "json")
    assert json.loads(allowed.stdout) == [{"done": 1}]
    run("query", "--store", uri, "--cypher", "MATCH (s:Scratch) DELETE s", "--write")


def test_sparql_on_neo4j_is_one_clear_error(uri):
    result = CliRunner().invoke(cli, ["query", "--store", uri, "--sparql", "SELECT * {}"])
    assert result.exit_code == 1 and "answers CYPHER" in result.stderr
