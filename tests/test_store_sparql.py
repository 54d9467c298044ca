"""What is particular to the remote SPARQL backend: a load that dies with its server resumes,
and every way an address can be wrong is one plain error.

The servers are real (Fuseki 5 on TDB2, ``oxigraph serve``), on loopback; the store contract
and the question parity tests cover everything the backend shares with the others.
"""

from __future__ import annotations

import threading
from pathlib import Path

import devservers
import pytest

from diplograph.errors import QueryError, StoreError
from diplograph.graph.model import Actor, Article, ArticleGraph, Event
from diplograph.graph.stores import open_store
from diplograph.graph.stores.oxigraph.store import OxigraphStore, to_python
from diplograph.graph.stores.sparql.client import PASSWORD_ENV, USER_ENV

pytestmark = pytest.mark.sparql

STARTERS = {"fuseki": devservers.start_fuseki, "oxigraph-serve": devservers.start_oxigraph_server}
COUNTRIES = ["KGZ", "CHN", "RUS", "KAZ", "UZB", "TJK", "MNG", "IND"]


def many_articles(count: int) -> list[ArticleGraph]:
    """Articles with a few events each between varying countries, dated over several years."""
    graphs = []
    for n in range(count):
        article_id = f"load-{n:04d}"
        a, b, c = (Actor.country_actor(COUNTRIES[(n + k) % len(COUNTRIES)], "")
                   for k in (0, 1, 3))
        events = tuple(
            Event(article_id, i, f"Sentence {i} of {article_id}.", (0, 4), "met", "met",
                  "CONSULT", "040", 1.0, 1, source=(src,), target=(dst,),
                  date=f"{2015 + n % 8}-{1 + (n + i) % 12:02d}")
            for i, (src, dst) in enumerate(((a, b), (b, c), (c, a))))
        graphs.append(ArticleGraph(Article(f"Text {n}.", id=article_id), events))
    return graphs


def content(store) -> tuple:
    """What a load leaves: the article quads (literals compared by value) and the rollup."""
    quads = {(q.subject.value, q.predicate.value, to_python(q.object), q.graph_name.value)
             for q in store.stored_quads()}
    return quads, store.rollup()


@pytest.mark.parametrize("server_kind", ["fuseki", "oxigraph-serve"])
def test_a_load_the_server_died_in_resumes_to_a_clean_load(server_kind: str,
                                                          tmp_path: Path) -> None:
    articles = many_articles(120)
    with OxigraphStore(tmp_path / "clean") as clean:
        clean.write(articles)
        expected = content(clean)
    start = STARTERS[server_kind]
    data = tmp_path / "server-data"
    server = start(data_dir=data)
    try:
        written = threading.Event()

        def kill_mid_load() -> None:
            written.wait(60)
            server.process.kill()  # SIGKILL: no shutdown, whatever request is under way

        killer = threading.Thread(target=kill_mid_load)
        killer.start()
        with pytest.raises(StoreError, match="cannot reach"):
            with open_store(server.query_url, retries=1, backoff=0.05) as store:
                for first in range(0, len(articles), 4):
                    store.write(articles[first:first + 4])
                    if first == 8:
                        written.set()
        killer.join()
    finally:
        server.stop()
    server = start(data_dir=data)
    try:
        with open_store(server.query_url) as store:
            assert 0 < store.count()
            store.write(articles)
            assert content(store) == expected
    finally:
        server.stop()


def test_a_server_that_is_not_there_is_one_error() -> None:
    port = devservers._free_port()
    with pytest.raises(StoreError, match=rf"cannot reach .*127\.0\.0\.1:{port}.* 2 attempt"):
        open_store(f"http://127.0.0.1:{port}/ds", retries=1, backoff=0.01)


def test_a_wrong_path_names_the_endpoint_and_the_fix(oxigraph_server) -> None:
    root = oxigraph_server.query_url.removesuffix("/query")
    with pytest.raises(StoreError, match=r"no SPARQL query endpoint at .*/nothing/sparql.*--store"):
        open_store(root + "/nothing")
    with open_store(root, update_url=root + "/nothing") as store:
        with pytest.raises(StoreError, match=r"no SPARQL update endpoint .*--sparql-update"):
            store.write(many_articles(1))


def test_a_read_only_server_refuses_writes_with_the_fix(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "data") as embedded:  # an embedded store, served read-only
        embedded.write(many_articles(2))
        size = embedded.count()
    with devservers.start_oxigraph_server(data_dir=tmp_path / "data", read_only=True) as server:
        with open_store(server.query_url) as store:
            assert store.count() == size
            with pytest.raises(StoreError, match="read-only.*serve-read-only"):
                store.write(many_articles(1))


def test_credentials_come_from_the_environment(monkeypatch, tmp_path: Path) -> None:
    with devservers.start_fuseki(users={"analyst": "s3cret pass"}) as server:
        monkeypatch.delenv(USER_ENV, raising=False)
        with pytest.raises(StoreError, match=f"401.*are needed.*{USER_ENV}"):
            open_store(server.query_url)
        monkeypatch.setenv(USER_ENV, "analyst")
        monkeypatch.setenv(PASSWORD_ENV, "wrong")
        with pytest.raises(StoreError, match="401.*were refused"):
            open_store(server.query_url)
        monkeypatch.setenv(PASSWORD_ENV, "s3cret pass")
        with open_store(server.query_url) as store:
            assert store.write(many_articles(2)) == 2
            assert store.count() > 0


def test_an_update_without_write_says_it_needs_the_flag(oxigraph_server) -> None:
    with open_store(oxigraph_server.query_url) as store:
        with pytest.raises(QueryError, match="needs write=True"):
            store.query("PREFIX dg: <urn:x#>\nDELETE WHERE { ?s ?p ?o }")
