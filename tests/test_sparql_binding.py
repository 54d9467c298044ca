"""Parameters for a remote SPARQL endpoint are written in as RDF terms, only where a variable is:
never inside a string, an IRI or a comment, dropped from projections, bracketed in GROUP BY."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from diplograph.errors import QueryError
from diplograph.graph.stores.sparql.binding import bind_params

CASES = [
    ("SELECT ?a ?k WHERE { ?a <urn:p> ?k }", {"k": "x"},
     'SELECT ?a  WHERE { ?a <urn:p> "x" }'),
    ('SELECT * { ?a <urn:p> "?k" . # ?k in a comment\n ?a <urn:q> $k }', {"k": 2},
     'SELECT * { ?a <urn:p> "?k" . # ?k in a comment\n ?a <urn:q> "2"^^<http://www.w3.org/2001/XMLSchema#integer> }'),
    ("SELECT ?x WHERE { { SELECT ?x ?kind WHERE { ?x ?p ?o FILTER(?kind = 'c') } } }",
     {"kind": "c"},
     "SELECT ?x WHERE { { SELECT ?x  WHERE { ?x ?p ?o FILTER(\"c\" = 'c') } } }"),
    ("SELECT (COUNT(*) AS ?n) ?g_iri WHERE { GRAPH ?g_iri { ?s ?p ?o } } GROUP BY ?g_iri "
     "ORDER BY ?n", {"g_iri": "urn:g"},
     "SELECT (COUNT(*) AS ?n)  WHERE { GRAPH <urn:g> { ?s ?p ?o } } GROUP BY (<urn:g>) "
     "ORDER BY ?n"),
    ("ASK { ?s <urn:p> ?ok }", {"ok": True},
     'ASK { ?s <urn:p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> }'),
]


@pytest.mark.parametrize(("text", "params", "expected"), CASES)
def test_parameters_become_terms_where_variables_are(text, params, expected) -> None:
    assert bind_params(text, params) == expected


def test_a_hostile_value_stays_one_literal() -> None:
    hostile = 'x" } ; DROP ALL ; INSERT DATA { <a:b> <c:d> "e'
    bound = bind_params("SELECT ?v ?echo WHERE { BIND(STR(?v) AS ?echo) }", {"v": hostile})
    [row] = ox.Store().query(bound)
    assert row["echo"].value == hostile


def test_a_bad_iri_parameter_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_params("SELECT * WHERE { ?actor_iri ?p ?o }", {"actor_iri": "not an iri> } DROP"})
