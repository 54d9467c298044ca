"""Query templates, one readable file per question per backend, shipped as package data.

A question picks its template by the store's language, so the SPARQL and Cypher versions of one
question sit side by side (`sparql/met.rq`, `cypher/met.cypher`) and must return the same columns.
Each template declares the parameters it binds on a comment line (``# params: key since`` in
SPARQL, ``// params: key since`` in Cypher); a question offers every value any backend might want
and `Template.bind` hands the template exactly the ones it declares.

>>> template = load("met", "sparql")
>>> template.params
('key', 'since', 'until', 'include_all')
>>> template.bind({"key": "country:KGZ", "since": "", "until": "", "include_all": False,
...                "unused": 1})["key"]
'country:KGZ'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.stores import Store

EXTENSIONS = {"sparql": "rq", "cypher": "cypher"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMS = re.compile(r"^\s*(?:#|//)\s*params:(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Template:
    name: str
    language: str
    text: str
    params: tuple[str, ...]

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The declared parameters picked out of `values`.

        Raises:
            QueryError: when a declared parameter has no value (a bug in the calling question).
        """
        missing = [p for p in self.params if p not in values]
        if missing:
            raise QueryError(f"{self.language} template {self.name!r} needs {missing}")
        return {p: values[p] for p in self.params}


@cache
def load(name: str, language: str) -> Template:
    """Template `name` for a query language ("sparql" or "cypher").

    Raises:
        QueryError: when the language is unknown or the template does not exist.
    """
    if language not in EXTENSIONS:
        raise QueryError(f"unknown query language {language!r}; choose one of {sorted(EXTENSIONS)}")
    if not _NAME.match(name):
        raise QueryError(f"template names are lower_snake_case words, got {name!r}")
    path = resources.files("diplograph.queries") / language / f"{name}.{EXTENSIONS[language]}"
    if not path.is_file():
        raise QueryError(f"no {language} template for {name!r} (looked for {language}/{path.name});"
                         f" available: {', '.join(available(language)) or 'none'}")
    text = path.read_text(encoding="utf-8")
    params = tuple(p for line in _PARAMS.findall(text) for p in line.split())
    return Template(name, language, text, params)


def available(language: str) -> list[str]:
    """Names of the templates shipped for a language."""
    folder = resources.files("diplograph.queries") / language
    suffix = "." + EXTENSIONS[language]
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(suffix)] for p in folder.iterdir() if p.name.endswith(suffix))


def run(store: Store, name: str, values: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Rows of template `name` in the store's own query language, given the parameters it declares.

    `values` may offer more than one backend's template needs; each template takes what it
    declares.
    """
    template = load(name, store.language)
    return store.query(template.text, template.bind(values or {}))
