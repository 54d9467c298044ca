"""Raw queries typed by a user: checked against the store's language, parameters bound.

SPARQL users should not have to repeat our prefixes, so a query gets a PREFIX line for every
prefix of `diplograph.graph.vocab.PREFIXES` it uses without declaring it.

>>> print(with_prefixes("SELECT * WHERE { ?e dg:ploverType ?t }").splitlines()[0])
PREFIX dg: <https://w3id.org/diplograph/ns#>
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from diplograph.errors import QueryError
from diplograph.graph.stores import Store


def with_prefixes(text: str) -> str:
    """Declare the project prefixes a SPARQL query uses but does not declare itself."""
    from diplograph.graph.vocab import PREFIXES

    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    used = [name for name in PREFIXES
            if name not in declared and re.search(rf"(?<![\w<#/]){re.escape(name)}:", text)]
    header = "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in used)
    return header + text


def run_raw(store: Store, text: str, language: str, params: Mapping[str, Any] | None = None,
            *, write: bool = False) -> list[dict[str, Any]]:
    """Run a user's query on a store that speaks its language; reads only unless `write`."""
    if language != store.language:
        raise QueryError(
            f"this store answers {store.language.upper()}, not {language.upper()}; use "
            f"--{store.language} (Cypher needs a bolt:// or neo4j:// store, SPARQL the embedded "
            "store in a directory)")
    if language == "sparql":
        text = with_prefixes(text)
    return store.query(text, params, write=write)
