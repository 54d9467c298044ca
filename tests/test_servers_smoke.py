"""The real test servers start, answer a write and a read, and stop cleanly.

The session fixtures live in tests/conftest.py; they need the jars from scripts/fetch-servers
and fail (not skip) without them, so a missing install step in CI shows up as an error
instead of a quiet pass.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import devservers  # tooling module in scripts/, put on sys.path by conftest.py


# Loopback only: never through a proxy from the environment.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.mark.neo4j
def test_neo4j_round_trip(neo4j_server: devservers.Neo4jServer) -> None:
    import neo4j

    actor_id = f"smoke-{uuid.uuid4()}"
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=None) as driver:
        driver.execute_query("CREATE (:SmokeActor {id: $id, name: $name})",
                             id=actor_id, name="Xi Jinping", database_="neo4j")
        records, _, _ = driver.execute_query("MATCH (a:SmokeActor {id: $id}) RETURN a.name AS name",
                                             id=actor_id, database_="neo4j")
        driver.execute_query("MATCH (a:SmokeActor {id: $id}) DELETE a", id=actor_id, database_="neo4j")
    assert [record["name"] for record in records] == ["Xi Jinping"]


@pytest.mark.sparql
@pytest.mark.parametrize("server_fixture", ["fuseki_server", "oxigraph_server"])
def test_sparql_round_trip(server_fixture: str, request: pytest.FixtureRequest) -> None:
    server: devservers.SparqlServer = request.getfixturevalue(server_fixture)
    subject = URIRef(f"urn:diplograph:smoke:{uuid.uuid4()}")
    label = Literal('Beijing "talks"', lang="en")  # a quote checks the escaping of .n3()
    predicate = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    # SPARQL has no bind parameters; terms serialised by rdflib's n3() are escaped.
    # In a named graph: Fuseki's default graph is the union of the named ones, read-only.
    triple = f"{subject.n3()} {predicate.n3()} {label.n3()}"
    update = f"INSERT DATA {{ GRAPH {subject.n3()} {{ {triple} }} }}"
    post = urllib.request.Request(server.update_url, data=update.encode(),
                                  headers={"Content-Type": "application/sparql-update"})
    with _http.open(post, timeout=10) as response:
        assert response.status in (200, 204)

    query = f"SELECT ?label WHERE {{ GRAPH ?g {{ {subject.n3()} {predicate.n3()} ?label }} }}"
    get = urllib.request.Request(f"{server.query_url}?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with _http.open(get, timeout=10) as response:
        bindings = json.load(response)["results"]["bindings"]
    assert [(b["label"]["value"], b["label"]["xml:lang"]) for b in bindings] == [('Beijing "talks"', "en")]


@pytest.mark.sparql
def test_stop_ends_the_process_and_deletes_its_directory() -> None:
    server = devservers.start_oxigraph_server()
    server.stop()
    assert server.process.returncode is not None
    assert not server.workdir.exists()
    server.stop()  # a second stop is harmless


def test_missing_jars_name_the_fix(tmp_path: Path) -> None:
    with pytest.raises(devservers.ServerError, match="run scripts/fetch-servers"):
        devservers.start_neo4j(cache=tmp_path)
    with pytest.raises(devservers.ServerError, match="run scripts/fetch-servers"):
        devservers.start_fuseki(cache=tmp_path)


@pytest.mark.neo4j
def test_early_exit_reports_the_log_tail() -> None:
    # A heap the JVM refuses makes the process exit at once, before Neo4j starts.
    with pytest.raises(devservers.ServerError, match=r"(?s)exited with code \d+.*heap"):
        devservers.start_neo4j(heap="1k")
