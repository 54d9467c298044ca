"""The embedded default store: Oxigraph on a local directory, one named graph per article.

Writing an article drops its graph and adds its quads again, so re-ingest is exact and idempotent.
Queries see the union of all graphs as their default graph.

Beside the article graphs the store keeps one derived graph, the rollup (`ROLLUP`): every pair's
tallies summed over all articles, packed in two literals per pair (`diplograph.graph.rollup`),
which is all a timeline or a partner list reads (`pair_months` and `partner_counts`, with the
SPARQL of `timeline.rq` and `partners.rq` beside this module). Each write and delete moves it by
the difference between the tallies an article had and the ones it has now; the old ones are read from the article's graph
before it is dropped. Those steps are several transactions, so a marker (`STALE`, in the default
graph) is set before the first and removed after the last: a store opened, or queried, with the
marker still set (a crash or an error in between) rebuilds the rollup from every article's
tallies. The rollup is not article data: `count` and `stored_quads` leave it out.

Parameters are bound with Oxigraph's ``substitutions`` (SEP-0007), never pasted into the text.
Python values become literals (str, int, float, bool; `datetime.date` as xsd:date); a parameter
whose name ends in ``_iri``, or a `pyoxigraph.NamedNode`, becomes an IRI. Oxigraph only substitutes
variables that the top-level SELECT projects (and a subquery sees them only if it projects them
too), so templates project their parameters; `query` drops those echo columns from the rows.
(pyoxigraph 0.5 also loses a parameter copied by a bare ``BIND(?param AS ?x)``; use it in an
expression or a pattern instead.)

>>> import tempfile
>>> with OxigraphStore(tempfile.mkdtemp()) as store:
...     store.query("SELECT ?x ?y WHERE { BIND(CONCAT(?x, '!') AS ?y) }", {"x": "hi"})
[{'y': 'hi!'}]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from diplograph.errors import QueryError, StoreError
from diplograph.graph import rollup
from diplograph.graph.model import ArticleGraph
from diplograph.graph.rdf import article_nquads, chosen_quads
from diplograph.graph.records import EventRecord
from diplograph.graph.rollup import (
    Cell,
    Line,
    article_tallies,
    pack,
    pair_changes,
    read_cells,
    read_tally,
)
from diplograph.graph.stores.protocol import PARTNER_KINDS, MonthCount, PartnerCount, RollupFilter
from diplograph.graph.vocab import (
    DG,
    ROLLUP,
    dyad_iri,
    dyad_keys,
    graph_iri,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
_BOOLEAN = XSD + "boolean"
_DATE = ox.NamedNode(XSD + "date")

_ROLLUP = ox.NamedNode(ROLLUP)
_TALLY, _SERIES, _TOTALS = (ox.NamedNode(DG.tally), ox.NamedNode(DG.series),
                            ox.NamedNode(DG.totals))
#: A pair is filed under each of its keys by the kind of its other key, so a partner list finds
#: a key's pairs with countries (or actors) without visiting its other pairs.
PAIR_OF = {"country:": ox.NamedNode(DG.countryPairOf), "id:": ox.NamedNode(DG.actorPairOf)}
_COUNT_ROLLUP = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ROLLUP}> {{ ?s ?p ?o }} }}"
#: Present while a write is moving the rollup; see the module docstring.
STALE = ox.Quad(_ROLLUP, ox.NamedNode(DG.stale), ox.Literal(True), ox.DefaultGraph())

#: Above this much N-Quads text (about 20,000 quads) a batch goes through the bulk loader, which
#: writes index files directly (several times faster) but not as one transaction.
BULK_BYTES = 5_000_000
#: About how many events go into one bulk-loader call in `write_bulk`: enough that the loader's
#: fixed cost fades, few enough that the N-Quads text stays near 200 MB.
BULK_CHUNK = 25_000
#: Above this many new rollup statements the bulk loader writes them (the stale marker covers
#: the lost atomicity).
BULK_QUADS = 10_000


class OxigraphStore:
    """An Oxigraph database in a directory, created if missing; one process may open it at a time.

    Args:
        path: the directory holding the database.
        bulk_bytes: batches with more N-Quads text than this use the bulk loader.

    Raises:
        StoreError: when the path is a file, or another process (or another open store in this
            one) holds the database.
    """

    language = "sparql"

    def __init__(self, path: str | Path, bulk_bytes: int = BULK_BYTES):
        self.path = Path(path)
        self.bulk_bytes = bulk_bytes
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {str(self.path)!r} is a file; give a directory")
        try:
            self._store: ox.Store | None = ox.Store(str(self.path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreError(
                    f"store {str(self.path)!r} is already open in another process (or another "
                    "store object); close it first or use another directory") from err
            raise StoreError(f"cannot open store {str(self.path)!r}: {err}") from err
        if self._rollup_is_stale():
            self.rebuild_rollup()

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {str(self.path)!r} is closed")
        return self._store

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Replace each article's named graph with its new quads, and move the rollup to match.

        The old graphs are dropped first, then the batch's quads added in one transaction (or, for
        a large batch, by the bulk loader), so a crash in between leaves those articles missing or
        partly written until the batch is written again, never mixed with their old statements.
        """
        store = self.store
        # An article given twice in one batch is written once, as its last version says.
        graphs = list({ag.article.id: ag for ag in batch}.values())
        change: Counter[Cell] = Counter()
        texts = []
        for ag in graphs:
            tallies = article_tallies(ag)
            change.update(tallies)
            change.subtract(self._article_tallies(ag.article.id))
            texts.append(article_nquads(ag, tallies))
        nquads = "".join(texts)
        store.add(STALE)
        for ag in graphs:
            store.remove_graph(ox.NamedNode(graph_iri(ag.article.id)))
        if len(nquads) > self.bulk_bytes:
            store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        else:
            store.load(nquads, format=ox.RdfFormat.N_QUADS)
        self._move_rollup(change)
        store.remove(STALE)
        return len(graphs)

    def write_bulk(self, graphs: Iterable[ArticleGraph], *, chunk: int = BULK_CHUNK,
                   on_written: Callable[[int], None] | None = None) -> int:
        """Write a stream of articles (millions of them) through the bulk loader; the store ends
        as `write` would leave it, articles already there replaced.

        Each `chunk` of events (whole articles) becomes one N-Quads text for Oxigraph's bulk
        loader; the rollup
        moves once, at the end, by the tallies of the whole stream, instead of once per batch.
        The stale marker stays set from the first chunk to the last, so an import killed midway
        leaves a store whose rollup is rebuilt when it is next opened, and running the import
        again (the same ids) finishes it. `on_written` is told how many articles each chunk
        held, for a progress bar.
        """
        store = self.store
        change: Counter[Cell] = Counter()
        written = 0
        store.add(STALE)
        for part in _chunks(graphs, chunk):
            texts = []
            for ag in {ag.article.id: ag for ag in part}.values():
                tallies = article_tallies(ag)
                change.update(tallies)
                graph = ox.NamedNode(graph_iri(ag.article.id))
                if store.contains_named_graph(graph):
                    change.subtract(self._article_tallies(ag.article.id))
                    store.remove_graph(graph)
                texts.append(article_nquads(ag, tallies))
            store.bulk_load("".join(texts), format=ox.RdfFormat.N_QUADS)
            written += len(part)
            if on_written:
                on_written(len(part))
        self._move_rollup(change)
        store.remove(STALE)
        return written

    def delete_article(self, article_id: str) -> bool:
        store = self.store
        graph = ox.NamedNode(graph_iri(article_id))
        if not store.contains_named_graph(graph):
            return False
        change = Counter({cell: -n for cell, n in self._article_tallies(article_id).items()})
        store.add(STALE)
        store.remove_graph(graph)
        self._move_rollup(change)
        store.remove(STALE)
        return True

    def tallies(self) -> Counter[Cell]:
        """Every article's tallies summed, read from the article graphs: what the rollup must be.

        A full scan of the store; `rebuild_rollup` starts from it, and tests compare `rollup`
        with it.

        Raises:
            StoreError: for tallies in a format this version cannot read (a store written by
                an older diplograph: ingest the articles again into a new directory).
        """
        return _sum_tallies(self.store.quads_for_pattern(None, _TALLY, None, None))

    def rollup(self) -> Counter[Cell]:
        """The rollup read back as cells with their summed counts."""
        out: Counter[Cell] = Counter()
        for quad in self.store.quads_for_pattern(None, _SERIES, None, _ROLLUP):
            first_key, second_key = dyad_keys(quad.subject.value)
            for line, events in read_cells(quad.object.value).items():
                out[Cell(first_key, second_key, *line)] += events
        return out

    def rebuild_rollup(self) -> None:
        """Compute the rollup afresh from every article's tallies (after a crash mid-write)."""
        store = self.store
        store.add(STALE)
        store.remove_graph(_ROLLUP)
        self._move_rollup(self.tallies())
        store.remove(STALE)

    def _rollup_is_stale(self) -> bool:
        """A write did not finish, or the rollup is missing while articles have tallies."""
        store = self.store
        if STALE in store:
            return True
        has_rollup = next(store.quads_for_pattern(None, None, None, _ROLLUP), None) is not None
        has_tallies = next(store.quads_for_pattern(None, _TALLY, None), None) is not None
        return has_tallies and not has_rollup

    def _article_tallies(self, article_id: str) -> Counter[Cell]:
        """The tallies an article has in the store now (none for an article not written yet)."""
        graph = ox.NamedNode(graph_iri(article_id))
        return _sum_tallies(self.store.quads_for_pattern(None, _TALLY, None, graph))

    def _move_rollup(self, change: Mapping[Cell, int]) -> None:
        """Add `change` (negative counts subtract) to the rollup, pair by pair.

        Each pair's cells are read from its ``dg:series``, changed, and written back with the
        counts and totals made from them; a pair left without events goes. A count that would
        fall below zero means the rollup had drifted from the tallies: it is rebuilt.
        """
        store = self.store
        added: list[ox.Quad] = []
        for (first_key, second_key), delta in pair_changes(
                {cell: events for cell, events in change.items() if events}).items():
            pair = ox.NamedNode(dyad_iri(first_key, second_key))
            old = list(store.quads_for_pattern(pair, None, None, _ROLLUP))
            lines: dict[Line, int] = {}
            for quad in old:
                if quad.predicate == _SERIES:
                    lines = read_cells(quad.object.value)
            for line, events in delta.items():
                lines[line] = lines.get(line, 0) + events
            if any(events < 0 for events in lines.values()):
                self.rebuild_rollup()
                return
            lines = {line: events for line, events in lines.items() if events}
            for quad in old:
                if not lines or quad.predicate in (_SERIES, _TOTALS):
                    store.remove(quad)
            if lines:
                series, totals = pack(lines)
                added += [ox.Quad(pair, _SERIES, ox.Literal(series), _ROLLUP),
                          ox.Quad(pair, _TOTALS, ox.Literal(totals), _ROLLUP)]
                if not old:
                    added += _partner_index(pair, first_key, second_key)
        if len(added) > BULK_QUADS:
            store.bulk_extend(added)
        else:
            store.extend(added)

    def stored_quads(self) -> list[ox.Quad]:
        """Every quad the articles wrote; the rollup is derived from them and stays out."""
        return [quad for quad in self.store.quads_for_pattern(None, None, None, None)
                if quad.graph_name != _ROLLUP and not isinstance(quad.graph_name, ox.DefaultGraph)]

    def event_quads(self, records: Sequence[EventRecord]) -> list[ox.Quad]:
        """The stored quads about the chosen events, in their articles' graphs (`chosen_quads`)."""
        return chosen_quads(records, lambda article_id: self.store.quads_for_pattern(
            None, None, None, ox.NamedNode(graph_iri(article_id))))

    def pair_months(self, a_key: str, b_key: str, filters: RollupFilter, *,
                    directed: bool = False) -> list[MonthCount]:
        """The pair's rollup: its whole ``dg:series`` in one literal, summed in Python."""
        pair_iri, directions = rollup.pair(a_key, b_key, directed=directed)
        rows = self.query(_reading("timeline"), {"dyad_iri": pair_iri})
        return rollup.month_counts((row["series"] for row in rows), filters, directions)

    def partner_counts(self, key: str, kind: str, filters: RollupFilter) -> list[PartnerCount]:
        """Every pair filed under `key` for `kind` (`PAIR_OF`), with one packed literal each."""
        if kind not in PARTNER_KINDS:
            raise QueryError(f"unknown partner kind {kind!r}; choose one of "
                             f"{', '.join(PARTNER_KINDS)}")
        rows = self.query(_reading("partners"), {
            "key": key, "kind": kind, "level": rollup.partner_level(filters)})
        return rollup.partner_counts(key, ((row["pair"], row["packed"]) for row in rows),
                                     filters)

    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              write: bool = False) -> list[dict[str, Any]]:
        """Run a SPARQL query over the union of all graphs (a stale rollup is rebuilt first).

        SELECT gives one dict per solution (unbound variables as None), ASK ``[{"ask": bool}]``,
        CONSTRUCT/DESCRIBE one ``{"subject", "predicate", "object"}`` dict per triple.

        Raises:
            QueryError: when the query is malformed, a parameter cannot be bound, or `write` is
                asked (the store changes only through `write` and `delete_article`).
        """
        if write:
            raise QueryError("--write applies to Cypher on Neo4j; SPARQL stores are changed "
                             "only through ingest")
        if STALE in self.store:
            self.rebuild_rollup()
        params = dict(params or {})
        substitutions = {ox.Variable(name): to_term(name, value) for name, value in params.items()}
        try:
            result = self.store.query(text, use_default_graph_as_union=True,
                                      substitutions=substitutions)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from err
        except RuntimeError as err:
            hint = ""
            if params and "projection" in str(err):
                hint = (". Oxigraph binds only parameters the query selects: add "
                        f"{' '.join('?' + name for name in params)} to the SELECT clause (their "
                        "columns are dropped from the output) or use SELECT *")
            raise QueryError(f"cannot run query: {err}{hint}") from err
        if isinstance(result, ox.QueryBoolean):
            return [{"ask": bool(result)}]
        if isinstance(result, ox.QueryTriples):
            return [{"subject": to_python(t.subject), "predicate": to_python(t.predicate),
                     "object": to_python(t.object)} for t in result]
        names = [v.value for v in result.variables]
        keep = [(i, name) for i, name in enumerate(names) if name not in params]
        return [{name: to_python(row[i]) for i, name in keep} for row in result]

    def count(self) -> int:
        """Quads of the articles, leaving out the rollup (derived data) and the stale marker."""
        store = self.store
        derived = store.query(_COUNT_ROLLUP)
        return len(store) - int(next(derived)[0].value) - int(STALE in store)

    def close(self) -> None:
        """Release the database; Oxigraph frees its lock when the last reference goes."""
        if self._store is not None:
            self._store.flush()
            self._store = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@cache
def _reading(name: str) -> str:
    """The SPARQL of one of the rollup reads kept beside this module."""
    return (resources.files("diplograph.graph.stores.oxigraph") / f"{name}.rq").read_text(
        encoding="utf-8")


def _partner_index(pair: ox.NamedNode, first_key: str, second_key: str) -> list[ox.Quad]:
    """The `PAIR_OF` statements of a pair; a key paired with itself is not its own partner."""
    if first_key == second_key:
        return []
    return [ox.Quad(pair, predicate, ox.Literal(key), _ROLLUP)
            for key, other in ((first_key, second_key), (second_key, first_key))
            for prefix, predicate in PAIR_OF.items() if other.startswith(prefix)]


def _sum_tallies(quads: Iterable[ox.Quad]) -> Counter[Cell]:
    out: Counter[Cell] = Counter()
    for quad in quads:
        try:
            cell, events = read_tally(quad.subject.value, quad.object.value)
        except ValueError as err:
            raise StoreError(
                f"cannot read the tally {quad.object.value!r} in {quad.graph_name}: the store was "
                "probably written by an older diplograph; ingest the articles again into a new "
                f"directory ({err})") from err
        out[cell] += events
    return out


def to_term(name: str, value: Any) -> ox.NamedNode | ox.Literal:
    """A query parameter as an RDF term; see the module docstring for the convention.

    >>> to_term("actor_iri", "https://w3id.org/diplograph/id/actor/country:CHN")
    <NamedNode value=https://w3id.org/diplograph/id/actor/country:CHN>
    >>> to_term("name", 'x" } ; DROP ALL ; #').value
    'x" } ; DROP ALL ; #'

    Raises:
        QueryError: for None or a type with no RDF counterpart.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if name.endswith("_iri") and isinstance(value, str):
        try:
            return ox.NamedNode(value)
        except ValueError as err:
            raise QueryError(f"parameter {name!r} is not a valid IRI: {value!r}") from err
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=_DATE)
    if isinstance(value, (str, bool, int, float)):
        return ox.Literal(value)
    raise QueryError(
        f"parameter {name!r} has type {type(value).__name__}; use str, int, float, bool or date")


def to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    """An RDF term as a plain Python value: numbers and booleans typed, everything else a string.

    >>> to_python(ox.Literal("2017-01", datatype=ox.NamedNode(XSD + "gYearMonth")))
    '2017-01'
    >>> to_python(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _chunks(graphs: Iterable[ArticleGraph], size: int) -> Iterator[list[ArticleGraph]]:
    """Whole articles, grouped until a group holds about `size` events (an article counts >= 1)."""
    chunk: list[ArticleGraph] = []
    events = 0
    for ag in graphs:
        chunk.append(ag)
        events += max(1, len(ag.events))
        if events >= size:
            yield chunk
            chunk, events = [], 0
    if chunk:
        yield chunk
