"""The embedded default store: Oxigraph on a local directory, one named graph per article.

Writing an article drops its graph and adds its quads again, so re-ingest is exact and idempotent.
Queries see the union of all graphs as their default graph.

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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from diplograph.errors import QueryError, StoreError
from diplograph.graph.model import ArticleGraph
from diplograph.graph.rdf import article_nquads
from diplograph.graph.vocab import graph_iri

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_FLOATS = {XSD + "decimal", XSD + "double", XSD + "float"}
_BOOLEAN = XSD + "boolean"
_DATE = ox.NamedNode(XSD + "date")

#: Above this much N-Quads text (about 20,000 quads) a batch goes through the bulk loader, which
#: writes index files directly (several times faster) but not as one transaction.
BULK_BYTES = 5_000_000


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

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {str(self.path)!r} is closed")
        return self._store

    def write(self, batch: Iterable[ArticleGraph]) -> int:
        """Replace each article's named graph with its new quads.

        The old graphs are dropped first, then the batch's quads added in one transaction (or, for
        a large batch, by the bulk loader), so a crash in between leaves those articles missing or
        partly written until the batch is written again, never mixed with their old statements.
        """
        store = self.store
        # An article given twice in one batch is written once, as its last version says.
        graphs = list({ag.article.id: ag for ag in batch}.values())
        nquads = "".join(article_nquads(ag) for ag in graphs)
        for ag in graphs:
            store.remove_graph(ox.NamedNode(graph_iri(ag.article.id)))
        if len(nquads) > self.bulk_bytes:
            store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        else:
            store.load(nquads, format=ox.RdfFormat.N_QUADS)
        return len(graphs)

    def delete_article(self, article_id: str) -> bool:
        store = self.store
        graph = ox.NamedNode(graph_iri(article_id))
        if not store.contains_named_graph(graph):
            return False
        store.remove_graph(graph)
        return True

    def query(self, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a SPARQL query over the union of all graphs.

        SELECT gives one dict per solution (unbound variables as None), ASK ``[{"ask": bool}]``,
        CONSTRUCT/DESCRIBE one ``{"subject", "predicate", "object"}`` dict per triple.

        Raises:
            QueryError: when the query is malformed or a parameter cannot be bound.
        """
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
        return len(self.store)

    def close(self) -> None:
        """Release the database; Oxigraph frees its lock when the last reference goes."""
        if self._store is not None:
            self._store.flush()
            self._store = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
