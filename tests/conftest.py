"""Shared fixtures: paths, the real spaCy model, and the real servers the store tests use."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seeds" / "000_bec0f82ec61466c6.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))
import devservers  # noqa: E402  (test tooling shared with scripts/neo4j-dev-server)


@pytest.fixture(scope="session")
def nlp():
    from diplograph.ingest.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_graph(nlp, seed_text):
    """The user's example article, extracted once for the whole session with its known date."""
    from diplograph.graph.model import Article
    from diplograph.ingest.pipeline import extract

    [graph] = extract([Article(text=seed_text, id="seed", date="2017-01-09")], nlp=nlp)
    return graph


@pytest.fixture(scope="session")
def example_graphs(nlp):
    """The example articles, extracted once for the whole session."""
    from diplograph.ingest.pipeline import extract
    from diplograph.ingest.readers import read_articles

    return list(extract(read_articles([EXAMPLES / "articles.jsonl"]), nlp=nlp))


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[devservers.Neo4jServer]:
    """A Neo4j 5.26 server for the whole session; Bolt at ``.uri``, auth off."""
    with devservers.start_neo4j() as server:
        yield server


@pytest.fixture(scope="session")
def fuseki_server() -> Iterator[devservers.SparqlServer]:
    """A Fuseki 5 server for the whole session; TDB2 dataset ``/ds``, ``.query_url``/``.update_url``."""
    with devservers.start_fuseki() as server:
        yield server


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[devservers.SparqlServer]:
    """An ``oxigraph serve`` server for the whole session; ``.query_url``/``.update_url``."""
    with devservers.start_oxigraph_server() as server:
        yield server


@pytest.fixture(scope="session")
def code(nlp):
    """Extract one article of our own words, alone, and return its events in reading order."""
    from diplograph.graph.model import Article
    from diplograph.ingest.pipeline import extract

    def run(text: str, date: str = "2021-03-17"):
        [graph] = extract([Article(text=text, id="own", date=date)], nlp=nlp)
        return graph.events

    return run


#: Server backends by test name: the session fixture of the server and its address attribute.
SERVER_STORES = {"neo4j": ("neo4j_server", "uri"), "fuseki": ("fuseki_server", "query_url"),
                 "oxigraph-serve": ("oxigraph_server", "query_url")}
#: The server backends as pytest parameters, each with the mark that selects its server.
SERVER_BACKENDS = [pytest.param("neo4j", marks=pytest.mark.neo4j),
                   pytest.param("fuseki", marks=pytest.mark.sparql),
                   pytest.param("oxigraph-serve", marks=pytest.mark.sparql)]


def open_server_store(request: pytest.FixtureRequest, backend: str, **options):
    """A store on the session's server for `backend` (a key of SERVER_STORES), emptied first."""
    from diplograph.graph.stores import open_store

    fixture, attribute = SERVER_STORES[backend]
    store = open_store(getattr(request.getfixturevalue(fixture), attribute), **options)
    store.query({"sparql": "DROP ALL", "cypher": "MATCH (n) DETACH DELETE n"}[store.language],
                write=True)
    return store
