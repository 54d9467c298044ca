"""The country of a person the text names by title, or in full, but not by country.

Wire copy leaves the obvious unsaid: "Vice President George Bush", "Secretary of State Shultz",
"Chancellor Kohl". Without a country such a person drops out of every country-pair timeline. The
package's `officeholders.csv` (our actor CSV format) lists who held the offices news most often
names that way, with dates; it fills only a country the text left empty, never overrides one, and
a surname counts only with a title that matches an office its bearer held on the article's date.

>>> country_of("George Bush", "Vice President", "1988-03-02")
'USA'
>>> country_of("Kohl", "Chancellor", "1990-10-03"), country_of("Kohl", None, "1990-10-03")
('DEU', None)
>>> country_of("Baker", "Secretary of State", "1975-01-01") is None  # not in office then
True
"""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import files

from diplograph.ingest.dictionaries import ActorDictionary, Entry, name_key, read_dictionary
from diplograph.ingest.names import is_lone
from diplograph.ingest.titles import compatible, role_class


@cache
def _holders() -> tuple[ActorDictionary, dict[str, tuple[Entry, ...]]]:
    text = files("diplograph.ingest").joinpath("data/officeholders.csv").read_text("utf-8")
    dictionary = read_dictionary(io.StringIO(text), "csv", "officeholders.csv")
    by_surname: dict[str, list[Entry]] = {}
    for entry in dictionary.entries:
        by_surname.setdefault(name_key(entry.name).split()[-1], []).append(entry)
    return dictionary, {k: tuple(v) for k, v in by_surname.items()}


def country_of(name: str, title: str | None, date: str | None) -> str | None:
    """The country of the one listed office-holder this name (and title) can be, or None."""
    dictionary, by_surname = _holders()
    if not is_lone(name) and len(name.split()) > 1:
        entry = dictionary.get(name)
        return entry.country if entry is not None else None
    wanted = role_class(title)
    if wanted is None or not date:
        return None
    countries = {c.country for entry in by_surname.get(name_key(name), ())
                 for c in entry.codings
                 if c.holds(date) and compatible(wanted, c.role, lenient=False)}
    return countries.pop() if len(countries) == 1 else None
