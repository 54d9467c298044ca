"""A remote SPARQL 1.1 server as a store: Fuseki, ``oxigraph serve``, or any SPARQL 1.1 endpoint.

The server holds exactly what the embedded store holds (`diplograph.graph.rdf` writes both): one
named graph per article, and the rollup graph (`ROLLUP`) in the embedded store's layout, which
its timeline read (`timeline.rq` of `diplograph.graph.stores.oxigraph`) and a partner read of
this backend's own (`partners.rq` here) answer from. So every question gives the embedded
store's answers.

A batch of articles is written in three requests, whatever its size: a SPARQL Update that sets
the stale marker (`STALE`) and drops the articles' graphs; their N-Quads posted to the Graph
Store endpoint (the graph names are in the quads, so one request carries every graph: dropping
then adding is what a Graph Store PUT does to one graph); and an update that moves the rollup by
the difference between the articles' old and new tallies and clears the marker. Each request is
one transaction on the server. If the server goes away in between, the marker stays: the next
store opened on it rebuilds the rollup from every article's tallies, and writing the same
articles again replaces their graphs, so re-running a load that died gives the graph a clean
load gives. A delete is one update (drop the graph, move the rollup).

Parameters are written in as RDF terms (`binding.bind_params`), never pasted as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from diplograph.errors import QueryError, StoreError
from diplograph.graph import rollup
from diplograph.graph.model import ArticleGraph
from diplograph.graph.rdf import NEWS_ARTICLE, article_nquads, chosen_quads
from diplograph.graph.records import EventRecord
from diplograph.graph.rollup import Cell, Line, article_tallies, pack, pair_changes, read_cells
from diplograph.graph.stores.oxigraph.store import to_python
from diplograph.graph.stores.protocol import PARTNER_KINDS, MonthCount, PartnerCount, RollupFilter
from diplograph.graph.stores.sparql.binding import bind_params
from diplograph.graph.stores.sparql.client import SparqlClient
from diplograph.graph.stores.sparql.endpoints import layout
from diplograph.graph.vocab import DG, ROLLUP, dyad_iri, dyad_keys, graph_iri

_R = f"<{ROLLUP}>"
#: The stale marker: in the rollup graph, which `count` and `stored_quads` leave out (the
#: default graph of a server that reads it as the union has no statements of its own).
STALE = f"{_R} <{DG.stale}> true"
_PAIR_OF = {"country:": str(DG.countryPairOf), "id:": str(DG.actorPairOf)}
_PREFIX = "PREFIX dg: <https://w3id.org/diplograph/ns#>\n"
#: Pairs whose rollup one update rewrites; a rebuild of a large store takes several.
PAIRS_PER_UPDATE = 2000


class SparqlStore:
    """A SPARQL server holding diplograph's graphs, opened by its address.

    Args:
        address: the dataset or query endpoint, e.g. ``http://host:3030/ds`` (Fuseki) or
            ``http://host:7878`` (oxigraph serve); see `endpoints.layout`.
        update_url, gsp_url: the update and Graph Store endpoints, where the server does not
            lay them out as Fuseki or Oxigraph does.
        timeout, retries, backoff: see `client.SparqlClient`.

    Raises:
        StoreError: when the server cannot be reached, refuses the credentials, has no query
            endpoint at the address, or does not read its default graph as the union of its graphs.
    """

    language = "sparql"

    def __init__(self, address: str, *, update_url: str | None = None,
                 gsp_url: str | None = None, timeout: float = 300.0, retries: int = 3,
                 backoff: float = 0.5):
        self.address = address
        query, update, gsp = layout(address)
        self.client = SparqlClient(query, update_url or update, gsp_url or gsp,
                                   timeout=timeout, retries=retries, backoff=backoff)
        self.client.probe()
        self._unsure = False  # a write failed part way: check the marker before reading
        stale, graphs, union, tallies, has_rollup = self._select_one(f"""{_PREFIX}
            SELECT ?stale ?graphs ?union ?tallies ?rollup WHERE {{
              BIND(EXISTS {{ GRAPH {_R} {{ {STALE} }} }} AS ?stale)
              BIND(EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} AS ?graphs)
              BIND(EXISTS {{ ?s ?p ?o }} AS ?union)
              BIND(EXISTS {{ GRAPH ?g {{ ?s dg:tally ?o }} }} AS ?tallies)
              BIND(EXISTS {{ GRAPH {_R} {{ ?s dg:series ?o }} }} AS ?rollup) }}""")
        if graphs and not union:
            raise StoreError(
                f"the SPARQL endpoint {query} does not read its default graph as the union of "
                "its named graphs, which diplograph's queries need; for Fuseki, use a TDB2 "
                "dataset with tdb2:unionDefaultGraph true (fuseki-server --tdb2 --loc DIR "
                "--set tdb2:unionDefaultGraph=true /ds)")
        if stale or (tallies and not has_rollup):
            self.rebuild_rollup()

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Replace each article's named graph and move the rollup to match (module docstring)."""
        # An article given twice in one batch is written once, as its last version says.
        graphs = list({ag.article.id: ag for ag in batch}.values())
        if not graphs:
            return 0
        iris = [_iri(graph_iri(ag.article.id)) for ag in graphs]
        there = self._written(iris)
        change = _negated(self._tallies_in(there))
        texts = []
        for ag in graphs:
            tallies = article_tallies(ag)
            change.update(tallies)
            texts.append(article_nquads(ag, tallies))
        self._unsure = True
        self.client.update(f"INSERT DATA {{ GRAPH {_R} {{ {STALE} }} }};\n"
                           + "".join(f"DROP SILENT GRAPH {g};\n" for g in there))
        self.client.post_quads("".join(texts))
        self._move_rollup(change)
        self._unsure = False
        return len(graphs)

    def delete_article(self, article_id: str) -> bool:
        graph = _iri(graph_iri(article_id))
        if not self._select_one(f"SELECT ?there WHERE {{ BIND(EXISTS {{ GRAPH {graph} "
                                "{ ?s ?p ?o } } AS ?there) }")[0]:
            return False
        self._unsure = True
        self._move_rollup(_negated(self._tallies_in([graph])), first=f"DROP GRAPH {graph};\n")
        self._unsure = False
        return True

    def tallies(self) -> Counter[Cell]:
        """Every article's tallies summed: what the rollup must be (a scan of the whole store)."""
        return self._tallies_in(None)

    def rollup(self) -> Counter[Cell]:
        """The rollup read back as cells with their summed counts."""
        out: Counter[Cell] = Counter()
        for row in self._rows(f"{_PREFIX}SELECT ?pair ?series WHERE {{ GRAPH {_R} "
                              "{ ?pair dg:series ?series } }"):
            first_key, second_key = dyad_keys(row["pair"])
            for line, events in read_cells(row["series"]).items():
                out[Cell(first_key, second_key, *line)] += events
        return out

    def rebuild_rollup(self) -> None:
        """Compute the rollup afresh from every article's tallies (after a load that died)."""
        self._unsure = True
        self.client.update(f"DROP SILENT GRAPH {_R};\nINSERT DATA {{ GRAPH {_R} {{ {STALE} }} }}")
        self._move_rollup(self.tallies())
        self._unsure = False

    def _written(self, graphs: Sequence[str]) -> list[str]:
        """Those of these graphs (IRIs in N-Triples form) that hold an article already: a new
        article needs no drop and has no old tallies, the common case of a first load."""
        values = " ".join(graphs)
        return [_iri(row["g"]) for row in self._rows(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?article a {NEWS_ARTICLE} "
            "} }")]

    def _tallies_in(self, graphs: Sequence[str] | None) -> Counter[Cell]:
        """The tallies in these graphs (IRIs in N-Triples form), or in every graph for None."""
        if graphs is not None and not graphs:
            return Counter()
        values = f"VALUES ?g {{ {' '.join(graphs)} }}" if graphs is not None else ""
        out: Counter[Cell] = Counter()
        for row in self._rows(f"{_PREFIX}SELECT ?pair ?tally WHERE {{ {values} "
                              "GRAPH ?g { ?pair dg:tally ?tally } }"):
            try:
                cell, events = rollup.read_tally(row["pair"], row["tally"])
            except ValueError as err:
                raise StoreError(f"cannot read the tally {row['tally']!r} on {self.address}: it "
                                 "was written by an older diplograph; ingest the articles again "
                                 f"into an empty dataset ({err})") from err
            out[cell] += events
        return out

    def _move_rollup(self, change: Mapping[Cell, int], first: str = "") -> None:
        """Add `change` to the rollup and clear the stale marker, `PAIRS_PER_UPDATE` pairs an
        update; `first` (an update) goes in the first request.

        Each pair's packed literals are read, its series changed, and its statements replaced,
        partner index included; a pair left without events goes. A count that would fall below zero
        means the rollup had drifted from the tallies: it is rebuilt.
        """
        deltas = list(pair_changes({cell: n for cell, n in change.items() if n}).items())
        chunks = [deltas[i:i + PAIRS_PER_UPDATE]
                  for i in range(0, len(deltas), PAIRS_PER_UPDATE)] or [[]]
        for number, chunk in enumerate(chunks):
            pairs = [_iri(dyad_iri(a, b)) for (a, b), _ in chunk]
            current: dict[str, tuple[str, str]] = {}
            if pairs:
                current = {row["pair"]: (row["series"], row["totals"]) for row in self._rows(
                    f"{_PREFIX}SELECT ?pair ?series ?totals WHERE {{ VALUES ?pair "
                    f"{{ {' '.join(pairs)} }} GRAPH {_R} {{ ?pair dg:series ?series ; "
                    "dg:totals ?totals } }")}
            removed: list[str] = []
            added: list[str] = []
            for ((first_key, second_key), delta), pair in zip(chunk, pairs):
                old = current.get(dyad_iri(first_key, second_key))
                lines: dict[Line, int] = dict(read_cells(old[0])) if old else {}
                for line, events in delta.items():
                    lines[line] = lines.get(line, 0) + events
                if any(events < 0 for events in lines.values()):
                    if first and number == 0:  # the delete's drop, not sent yet
                        self.client.update(first)
                    self.rebuild_rollup()
                    return
                lines = {line: events for line, events in lines.items() if events}
                if old:
                    removed += _pair_statements(pair, first_key, second_key, *old)
                if lines:
                    added += _pair_statements(pair, first_key, second_key, *pack(lines))
            # Exact statements, not a DELETE WHERE: Jena would match ?pair ?p ?o over the whole
            # rollup graph before joining the pairs, a cost that grows with every batch.
            update = first if number == 0 else ""
            if removed:
                update += f"DELETE DATA {{ GRAPH {_R} {{\n{''.join(removed)}}} }};\n"
            if added:
                update += f"INSERT DATA {{ GRAPH {_R} {{\n{''.join(added)}}} }};\n"
            if number == len(chunks) - 1:
                update += f"DELETE DATA {{ GRAPH {_R} {{ {STALE} }} }}"
            self.client.update(update)

    def stored_quads(self) -> list[ox.Quad]:
        """Every quad the articles wrote; the rollup is derived from them and stays out."""
        rows = self._terms(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                           f"FILTER(?g != {_R}) }}")
        return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows]

    def event_quads(self, records: Sequence[EventRecord]) -> list[ox.Quad]:
        """The stored quads about the chosen events (`diplograph.graph.rdf.chosen_quads`)."""
        def graph_quads(article_id: str) -> Iterator[ox.Quad]:
            graph = ox.NamedNode(graph_iri(article_id))
            for row in self._terms(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"):
                yield ox.Quad(row["s"], row["p"], row["o"], graph)

        return chosen_quads(records, graph_quads)

    def pair_months(self, a_key: str, b_key: str, filters: RollupFilter, *,
                    directed: bool = False) -> list[MonthCount]:
        """The pair's rollup: its whole ``dg:series`` in one literal, summed in Python."""
        pair_iri, directions = rollup.pair(a_key, b_key, directed=directed)
        rows = self.query(_reading("oxigraph", "timeline"), {"dyad_iri": pair_iri})
        return rollup.month_counts((row["series"] for row in rows), filters, directions)

    def partner_counts(self, key: str, kind: str, filters: RollupFilter) -> list[PartnerCount]:
        """Every pair filed under `key` for `kind`, with one packed literal each."""
        if kind not in PARTNER_KINDS:
            raise QueryError(f"unknown partner kind {kind!r}; choose one of "
                             f"{', '.join(PARTNER_KINDS)}")
        level = {"totals": str(DG.totals), "series": str(DG.series)}[rollup.partner_level(filters)]
        rows = self.query(_reading("sparql", "partners"), {
            "key": key, "index_iri": _PAIR_OF[PARTNER_KINDS[kind]], "level_iri": level})
        return rollup.partner_counts(key, ((row["pair"], row["packed"]) for row in rows),
                                     filters)

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              write: bool = False) -> list[dict[str, Any]]:
        """Run a SPARQL query over the union of all graphs; an update only with `write`.

        SELECT gives one dict per solution (unbound variables as None), ASK ``[{"ask": bool}]``,
        CONSTRUCT/DESCRIBE one ``{"subject", "predicate", "object"}`` dict per triple, an update
        ``[]`` (and the rollup is rebuilt, since an update may change any article).

        Raises:
            QueryError: when the server rejects the query, or a parameter cannot be bound.
        """
        if write:
            self.client.update(bind_params(text, params or {}))
            self.rebuild_rollup()
            return []
        if self._unsure:
            self._repair()
        return self._rows(text, params)

    def _rows(self, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """A query's rows as plain values, without `query`'s repair (the writes' own reads)."""
        return [{name: to_python(term) for name, term in row.items()}
                for row in self._terms(bind_params(text, params or {}))]

    def _terms(self, text: str) -> list[dict[str, Any]]:
        """A query's rows with pyoxigraph terms as values."""
        answer = self.client.query(text)
        if isinstance(answer, str):
            return [{"subject": t.subject, "predicate": t.predicate, "object": t.object}
                    for t in ox.parse(answer, format=ox.RdfFormat.N_TRIPLES)]
        if "boolean" in answer:
            return [{"ask": ox.Literal(bool(answer["boolean"]))}]
        names = answer["head"]["vars"]
        return [{name: _term(binding.get(name)) for name in names}
                for binding in answer["results"]["bindings"]]

    def _select_one(self, text: str) -> list[Any]:
        """The values of a query's one row."""
        [row] = self._terms(text)
        return [to_python(term) for term in row.values()]

    def _repair(self) -> None:
        """After a write that failed part way, rebuild the rollup if the marker is still set."""
        if self._select_one(f"SELECT ?stale WHERE {{ BIND(EXISTS {{ GRAPH {_R} {{ {STALE} }} }} "
                            "AS ?stale) }")[0]:
            self.rebuild_rollup()
        self._unsure = False

    def count(self) -> int:
        """Quads of the articles, leaving out the rollup graph (derived data, and the marker)."""
        return self._select_one(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                f"FILTER(?g != {_R}) }}")[0]

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> SparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@cache
def _reading(backend: str, name: str) -> str:
    """A rollup read: the embedded store's (the layout is its), or this backend's own."""
    return (resources.files(f"diplograph.graph.stores.{backend}") / f"{name}.rq").read_text(
        encoding="utf-8")


def _negated(tallies: Counter[Cell]) -> Counter[Cell]:
    """What removing these tallies changes (unary minus on a Counter would drop them all)."""
    return Counter({cell: -events for cell, events in tallies.items()})


def _iri(value: str) -> str:
    """An IRI in N-Triples form, checked by pyoxigraph (article ids are the user's data)."""
    return str(ox.NamedNode(value))


def _pair_statements(pair: str, first_key: str, second_key: str, series: str,
                     totals: str) -> list[str]:
    """A pair's rollup statements: its packed series and totals, and its partner index (a key
    paired with itself is not its own partner)."""
    out = [f"{pair} <{DG.series}> {ox.Literal(series)} .\n",
           f"{pair} <{DG.totals}> {ox.Literal(totals)} .\n"]
    if first_key != second_key:
        out += [f"{pair} <{predicate}> {ox.Literal(key)} .\n"
                for key, other in ((first_key, second_key), (second_key, first_key))
                for prefix, predicate in _PAIR_OF.items() if other.startswith(prefix)]
    return out


def _term(value: Mapping[str, str] | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """A term of SPARQL 1.1 Query Results JSON as a pyoxigraph term."""
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if "xml:lang" in value:
        return ox.Literal(text, language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(text)
