"""Query parameters for a remote SPARQL endpoint, written in as RDF terms.

The SPARQL 1.1 Protocol has no parameters, so every client that binds them (Jena's
ParameterizedSparqlString, rdflib's initBindings) writes each value into the text as one RDF
term. Here the value is first made a pyoxigraph term (`diplograph.graph.stores.oxigraph.store.
to_term`, the embedded store's own convention: ``*_iri`` names become IRIs, Python values typed
literals) and its N-Triples form, which escapes every quote and newline, replaces the variable. So
a value can only ever be a value, never syntax.

A trailing VALUES block would be simpler, but its bindings join after the WHERE clause has been
evaluated, so a ``FILTER(?kind = "country")`` inside a UNION branch would see ``?kind`` unbound;
substitution gives the embedded store's answers (it substitutes variables before evaluation).
The templates project their parameters (Oxigraph's substitutions need that), so a parameter is
dropped from a SELECT clause, and becomes ``(term)`` in a GROUP BY, where a bare term is not
allowed.

>>> bind_params('SELECT ?x ?y WHERE { BIND(CONCAT(?x, "!") AS ?y) }', {"x": 'a" } ; DROP ALL #'})
'SELECT  ?y WHERE { BIND(CONCAT("a\\\\" } ; DROP ALL #", "!") AS ?y) }'
>>> bind_params("SELECT (MIN(?l) AS ?n) ?a_iri WHERE { ?a_iri ?p ?l } GROUP BY ?a_iri",
...             {"a_iri": "urn:x"})
'SELECT (MIN(?l) AS ?n)  WHERE { <urn:x> ?p ?l } GROUP BY (<urn:x>)'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from diplograph.graph.stores.oxigraph.store import to_term

#: Strings (long forms first), IRIs, comments, variables, words and brackets; anything else
#: passes through one character at a time.
_TOKEN = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<open>[({])
  | (?P<close>[)}])
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)
#: What ends a GROUP BY clause's conditions.
_AFTER_GROUP_BY = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def bind_params(text: str, params: Mapping[str, Any]) -> str:
    """`text` with each ``?name``/``$name`` in `params` replaced by the value's RDF term.

    Raises:
        QueryError: for a value with no RDF counterpart or an invalid IRI (from `to_term`).
    """
    if not params:
        return text
    terms = {name: str(to_term(name, value)) for name, value in params.items()}
    out: list[str] = []
    clause = ""  # "select" in a projection, "group" in GROUP BY conditions, "" elsewhere
    depth = 0  # brackets opened since the clause began
    previous_word = ""
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "word":
            word = token.upper()
            if word == "SELECT":
                clause, depth = "select", 0
            elif clause == "select" and depth == 0 and word in ("WHERE", "FROM"):
                clause = ""
            elif word == "BY" and previous_word == "GROUP":
                clause, depth = "group", 0
            elif clause == "group" and depth == 0 and word in _AFTER_GROUP_BY:
                clause = ""
            previous_word = word
        elif kind == "open":
            if clause == "select" and depth == 0 and token == "{":
                clause = ""  # SELECT ... { with the WHERE keyword left out
            else:
                depth += 1
        elif kind == "close":
            if depth == 0 and clause:
                clause = ""
            else:
                depth -= 1
        elif kind == "var" and token[1:] in terms:
            term = terms[token[1:]]
            if clause == "select" and depth == 0:
                token = ""
            elif clause == "group" and depth == 0:
                token = f"({term})"
            else:
                token = term
        out.append(token)
    return "".join(out)
