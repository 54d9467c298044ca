"""The CLI against a real Fuseki server: ingest, questions equal to the embedded store's, raw
SPARQL read-only unless --write, and a wrong endpoint option as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

pytestmark = pytest.mark.sparql
EXAMPLES = str(Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl")


def run(*args: str):
    return CliRunner().invoke(cli, ["-q", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def dataset(fuseki_server) -> str:
    """The examples ingested into Fuseki, by its dataset URL."""
    address = fuseki_server.query_url.removesuffix("/query")
    assert run("query", "--store", address, "--write", "--sparql", "DROP ALL").exit_code == 0
    result = run("ingest", "--store", address, EXAMPLES)
    assert result.exit_code == 0, result.stderr
    return address


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> str:
    folder = str(tmp_path_factory.mktemp("embedded"))
    assert run("ingest", "--store", folder, EXAMPLES).exit_code == 0
    return folder


@pytest.mark.parametrize("question", [["ask", "timeline", "KGZ", "CHN"], ["ask", "met", "KGZ"],
                                      ["ask", "partners", "CHN"], ["stats"]])
def test_questions_on_fuseki_answer_as_the_embedded_store(dataset, embedded, question) -> None:
    remote = run(*question, "--store", dataset, "--format", "json")
    assert remote.exit_code == 0, remote.stderr
    rows = json.loads(remote.stdout)
    expected = json.loads(run(*question, "--store", embedded, "--format", "json").stdout)
    if question == ["stats"]:
        [rows[0]["size"], expected[0]["size"]] = [0, 0]
    assert rows == expected and rows


def test_raw_sparql_writes_only_with_write(dataset) -> None:
    insert = "INSERT DATA { GRAPH <urn:scratch> { <urn:a> <urn:b> ?v } }"
    refused = run("query", "--store", dataset, "--sparql", insert, "--param", "v=x")
    assert refused.exit_code == 1 and "--write" in refused.stderr
    written = run("query", "--store", dataset, "--sparql", insert, "--param", "v=x", "--write")
    assert written.exit_code == 0, written.stderr
    found = run("query", "--store", dataset, "--format", "json", "--sparql",
                "SELECT ?v WHERE { GRAPH <urn:scratch> { <urn:a> <urn:b> ?v } }")
    assert json.loads(found.stdout) == [{"v": "x"}]
    run("query", "--store", dataset, "--write", "--sparql", "DROP GRAPH <urn:scratch>")


def test_a_wrong_graph_store_endpoint_is_one_line(dataset) -> None:
    result = run("ingest", "--store", dataset, "--gsp", dataset + "/nothing", EXAMPLES)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "--gsp" in result.stderr
