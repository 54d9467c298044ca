"""Actor dictionaries a researcher brings: PETRARCH/TABARI/Phoenix files and a simple CSV.

Event-data projects keep years of curated knowledge in actor dictionaries: who held which office
for which country, and from when to when. Loading them lets an entry override what the extractor
would otherwise guess from a title or a demonym, and lets a role apply only on the dates the
dictionary gives it ("Atambayev is KGZGOV from 2011-01-01").

Two formats are read, chosen by the file's extension:

- ``.csv`` (ours): a header row with ``name`` (required), ``aliases`` (``;``-separated),
  ``type`` (person, country, organization, igo, group; default person), ``country`` (ISO3),
  ``role`` (one of gazetteer.ROLES, or a title such as "Foreign Minister"), ``from`` and ``to``
  (ISO dates of any precision, inclusive; blank for open) and ``wikidata`` (a Q-id). Several rows
  with one name give one actor several dated roles; a row without dates is the role that holds
  when no dated one does. Lines starting with ``#`` are comments.
- anything else: the PETRARCH actor format. An entry is a phrase (words joined by ``_`` or
  spaces) with an optional default ``[CODE]``, ``+`` lines add synonyms, and indented
  ``[CODE date-range]`` lines give dated codes (``>YYMMDD`` from, ``<YYMMDD`` until,
  ``YYMMDD-YYMMDD`` between; 8-digit dates too; limits inclusive). ``#`` and ``<!-- -->``
  comments are skipped. Six-digit years below 30 are read as 20xx, the rest as 19xx.

A CAMEO code's first three letters give the country (or the kind of transnational actor: IGO,
NGO, MNC, IMG) and the next three the sector, which maps to a role class (GOV government, MIL
military, LEG legislator, OPP opposition, JUD judge, ELI elite, REB/INS/SEP rebel, ...).

>>> import io
>>> d = read_dictionary(io.StringIO("ALMAZBEK_ATAMBAYEV_  # CountryInfo.txt\\n"
...     "+ATAMBAYEV\\n\\t[KGZELI 740101-051101]\\n\\t[KGZGOV >110101]\\n"), "petrarch", "demo")
>>> entry = d.get("Almazbek Atambayev")
>>> entry.name, entry.type, d.get("Atambayev") is entry
('Almazbek Atambayev', 'person', True)
>>> entry.coding("2017-01-09"), entry.coding("2009-06")
(Coding(code='KGZGOV', country='KGZ', role='government', start='2011-01-01', end=None), None)
>>> entry.country
'KGZ'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from diplograph.errors import InputError
from diplograph.graph.model import ACTOR_TYPES, ActorType, check_date
from diplograph.ingest import gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# CAMEO's first three letters when they name a kind of actor rather than a state.
TRANSNATIONAL: dict[str, ActorType] = {"IGO": "igo", "NGO": "organization", "MNC": "organization",
                                       "IMG": "group", "NGM": "group", "INT": "organization"}
# CAMEO-only country codes and their ISO 3166 successors.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "WSB": "PSE", "GZS": "PSE",
                "BAG": "IRQ", "UAR": "EGY", "ZAR": "COD", "YUG": "SRB"}
# CAMEO sector codes -> our role classes (gazetteer.ROLES).
SECTOR_ROLES: dict[str, str] = {
    "GOV": "government", "MIL": "military", "SPY": "military", "COP": "official",
    "LEG": "legislator", "JUD": "judge", "OPP": "opposition", "PTY": "party_leader",
    "ELI": "elite", "REB": "rebel", "INS": "rebel", "SEP": "rebel", "UAF": "rebel",
    "RAD": "rebel", "IRG": "rebel", "BUS": "civilian", "MED": "civilian", "CVL": "civilian",
    "HRI": "civilian", "EDU": "civilian", "HLH": "civilian", "LAB": "civilian",
    "AGR": "civilian", "REL": "civilian", "ENV": "civilian", "REF": "civilian",
    "CRM": "civilian", "DEV": "civilian", "MOD": "civilian",
}
ARMED = frozenset({"rebel"})
SIX_DIGIT_PIVOT = 30  # YYMMDD with YY < 30 is 20YY
_CODING = re.compile(r"\[\s*([^\]\s]*)\s*([^\]]*)\]")
_RANGE = re.compile(r"^(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8})|(\d{6,8}))$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_WORDS = re.compile(r"[\s_]+")


@dataclass(frozen=True)
class Coding:
    """One code of an entry and the dates it holds for (None: open on that side)."""

    code: str | None
    country: str | None
    role: str | None
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds(self, date: str | None) -> bool:
        """Does the coding hold on `date` (ISO, any precision)? Undated codings always do; a dated
        one never holds for an article without a date, since nothing says when it is."""
        if not self.dated:
            return True
        if not date:
            return False
        low, high = _pad(date, "-01-01"), _pad(date, "-12-31")
        start, end = _pad(self.start, "-01-01"), _pad(self.end, "-12-31")
        return (start is None or high >= start) and (end is None or low <= end)


def _pad(date: str | None, tail: str) -> str | None:
    """A partial ISO date stretched to a day: ('2017', '-12-31') -> '2017-12-31'."""
    return None if date is None else date + tail[len(date) - 4:]


@dataclass(frozen=True)
class Entry:
    """One actor of a dictionary: its canonical name, other names and dated codings.

    `type` is None when the dictionary does not say (a PETRARCH entry with only a country code
    may be a person or a place); the text decides then.
    """

    name: str
    type: ActorType | None
    aliases: tuple[str, ...]
    codings: tuple[Coding, ...]
    wikidata: str | None = None
    origin: str = ""

    def coding(self, date: str | None) -> Coding | None:
        """The first dated coding that holds on `date`, else the undated default, else None."""
        for coding in self.codings:
            if coding.dated and coding.holds(date):
                return coding
        return next((c for c in self.codings if not c.dated), None)

    @property
    def country(self) -> str | None:
        """The country every coding agrees on: a nationality outlasts any one office."""
        countries = {c.country for c in self.codings if c.code != "---"}
        return next(iter(countries)) if len(countries) == 1 else None


class ActorDictionary:
    """Entries by every name they go by, and a matcher that finds those names in a parse."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._first_words: set[str] = set()
        self._longest = 1
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry, *, override: bool = True) -> None:
        """Index an entry under each of its names; a name already taken goes to the new entry
        when `override` (a later file wins), else stays with the first."""
        self.entries.append(entry)
        for name in (entry.name, *entry.aliases):
            key = name_key(name)
            if not key or (not override and key in self._by_key):
                continue
            self._by_key[key] = entry
            words = key.split()
            self._first_words.add(words[0])
            self._longest = max(self._longest, len(words))

    def update(self, other: ActorDictionary) -> None:
        """Take in every entry of `other`; where both know a name, `other`'s entry wins."""
        self.entries.extend(other.entries)
        self._by_key.update(other._by_key)
        self._first_words |= other._first_words
        self._longest = max(self._longest, other._longest)

    def get(self, name: str) -> Entry | None:
        """The entry going by this name, ignoring case, accents, dots and hyphens."""
        return self._by_key.get(name_key(name))

    def find(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """Token spans [start, end) of the doc naming an entry, longest first, not overlapping.

        A match must start and end on a capitalised word: dictionaries are upper-case, so only
        the text's case tells "Jordan said" from "jordan" in a list of words.
        """
        found: list[tuple[int, int, Entry]] = []
        i, n = 0, len(doc)
        while i < n:
            token = doc[i]
            if not _capitalised(token.text) or _word_key(token.text) not in self._first_words:
                i += 1
                continue
            for j in range(min(n, i + self._longest * 2), i, -1):
                if not _capitalised(doc[j - 1].text):
                    continue
                entry = self._by_key.get(name_key(doc[i:j].text))
                if entry is not None:
                    found.append((i, j, entry))
                    i = j
                    break
            else:
                i += 1
        return found


def name_key(text: str) -> str:
    """The form names are compared in: case, accents, dots, hyphens and a leading 'the' ignored."""
    return gazetteer.folded_key(text)


def _word_key(text: str) -> str:
    key = name_key(text)
    return key.split()[0] if key else ""


def _capitalised(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


# --- loading ---------------------------------------------------------------------------------

def load_dictionaries(paths: Sequence[str | Path]) -> ActorDictionary:
    """Read each file in order into one dictionary; names in later files override earlier ones.

    Raises:
        InputError: a file is missing, unreadable, or a CSV row is malformed.
    """
    merged = ActorDictionary()
    for path in paths:
        merged.update(load_dictionary(path))
    return merged


def load_dictionary(path: str | Path) -> ActorDictionary:
    """One dictionary file; `.csv` is our format, anything else the PETRARCH actor format."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "actor dictionary not found; give the path of a .csv file "
                                    "or a PETRARCH .txt actor dictionary")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # the PETRARCH files carry a few latin-1 bytes
    kind = "csv" if path.suffix.lower() == ".csv" else "petrarch"
    return read_dictionary(io.StringIO(text), kind, str(path))


def read_dictionary(handle: TextIO, kind: str, where: str) -> ActorDictionary:
    """Parse an open dictionary of `kind` "csv" or "petrarch"; `where` names it in errors."""
    if kind == "csv":
        return ActorDictionary(_csv_entries(handle, where))
    dictionary = ActorDictionary()
    for entry in _petrarch_entries(handle.read(), where):
        dictionary.add(entry, override=False)  # within one file the first entry keeps a name
    return dictionary


def _csv_entries(handle: TextIO, where: str) -> list[Entry]:
    lines = [(n, line) for n, line in enumerate(handle.read().splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(line for _, line in lines)
    fields = {f.strip().lower() for f in reader.fieldnames or ()}
    if "name" not in fields:
        raise InputError(where, f"actor CSV needs a 'name' column; found {sorted(fields)}")
    grouped: dict[str, dict] = {}
    for (number, _), raw in zip(lines[1:], reader):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
               if not isinstance(v, list)}
        at = f"{where}:{number}"
        name = row.get("name", "")
        if not name:
            raise InputError(at, "empty name")
        type_ = (row.get("type") or "person").lower()
        if type_ not in ACTOR_TYPES:
            raise InputError(at, f"type must be one of {ACTOR_TYPES}, got {type_!r}")
        coding = Coding(code=None, country=_csv_country(row.get("country", ""), at),
                        role=_csv_role(row.get("role", ""), at),
                        start=_csv_date(row.get("from", ""), at, "from"),
                        end=_csv_date(row.get("to", ""), at, "to"))
        group = grouped.setdefault(name_key(name), {
            "name": name, "type": type_, "aliases": {}, "codings": [], "wikidata": None,
            "origin": at})
        for alias in row.get("aliases", "").split(";"):
            if alias.strip() and alias.strip() != group["name"]:
                group["aliases"][alias.strip()] = None
        if coding.country or coding.role or coding.dated:
            group["codings"].append(coding)
        wikidata = row.get("wikidata") or None
        if wikidata and not re.fullmatch(r"Q\d+", wikidata):
            raise InputError(at, f"wikidata must be a Q-id such as Q15031, got {wikidata!r}")
        group["wikidata"] = group["wikidata"] or wikidata
    return [Entry(name=g["name"], type=g["type"], aliases=tuple(g["aliases"]),
                  codings=tuple(sorted(g["codings"], key=lambda c: not c.dated)),
                  wikidata=g["wikidata"], origin=g["origin"]) for g in grouped.values()]


def _csv_country(value: str, at: str) -> str | None:
    if not value:
        return None
    code = value.upper() if gazetteer.is_country_code(value.upper()) else gazetteer.country_code(
        value)
    if code is None:
        raise InputError(at, f"country {value!r} is neither an ISO3 code nor a country name")
    return code


def _csv_role(value: str, at: str) -> str | None:
    if not value:
        return None
    if value in gazetteer.ROLES:
        return value
    role = gazetteer.title_role(value)
    if role is None:
        raise InputError(at, f"role {value!r} is not a title we know nor one of {gazetteer.ROLES}")
    return role


def _csv_date(value: str, at: str, what: str) -> str | None:
    if not value:
        return None
    try:
        check_date(value, what)
        parts = [int(p) for p in value.split("-")] + [1, 1]
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise InputError(at, f"{what} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, "
                             f"got {value!r}") from None
    return value


def _petrarch_entries(text: str, where: str) -> Iterable[Entry]:
    """Entries of a PETRARCH actor file, in file order; malformed codings are logged, not fatal."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    current: dict | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        if raw[0] in " \t" and line.strip().startswith("["):
            if current is not None:
                current["codings"].extend(_codings(line, f"{where}:{number}"))
            continue
        if line.lstrip().startswith("+"):
            if current is not None:
                phrase, codings = _phrase_and_codes(line.lstrip()[1:], f"{where}:{number}")
                if phrase:
                    current["aliases"].append(phrase)
                current["codings"].extend(codings)
            continue
        if current is not None:
            yield _petrarch_entry(current)
        phrase, codings = _phrase_and_codes(line, f"{where}:{number}")
        current = {"phrase": phrase, "aliases": [], "codings": list(codings),
                   "person_hint": "countryinfo" in comment.lower(), "origin": f"{where}:{number}"}
    if current is not None:
        yield _petrarch_entry(current)


def _phrase_and_codes(line: str, at: str) -> tuple[str, list[Coding]]:
    cut = line.find("[")
    phrase = line if cut < 0 else line[:cut]
    words = [w for w in _WORDS.split(phrase.strip()) if w]
    return " ".join(words), (_codings(line[cut:], at) if cut >= 0 else [])


def _codings(text: str, at: str) -> list[Coding]:
    codings = []
    for code, when in _CODING.findall(text):
        code = code.upper()
        start = end = None
        if when.strip():
            dates = _RANGE.match(when.strip())
            if not dates:
                log.warning("%s: skipped a coding with an unreadable date range %r", at, when)
                continue
            sign, one, low, high, single = dates.groups()
            try:
                if sign == ">":
                    start = _petrarch_date(one)
                elif sign == "<":
                    end = _petrarch_date(one)
                elif single:
                    start = _petrarch_date(single)
                else:
                    start, end = _petrarch_date(low), _petrarch_date(high)
            except ValueError:
                log.warning("%s: skipped a coding with an impossible date %r", at, when)
                continue
        if code == "---" or not code:
            codings.append(Coding(code="---", country=None, role=None, start=start, end=end))
            continue
        country, role = _split_code(code)
        codings.append(Coding(code=code, country=country, role=role, start=start, end=end))
    return codings


def _petrarch_date(value: str) -> str:
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < SIX_DIGIT_PIVOT else 1900 + year}{value[2:]}"
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()


def _split_code(code: str) -> tuple[str | None, str | None]:
    """'KGZGOV' -> ('KGZ', 'government'); 'IGOUNO' -> (None, None); 'ROM' -> ('ROU', None)."""
    head = code[:3]
    if head in TRANSNATIONAL or not head.isalpha() or len(head) < 3:
        return None, None
    sector = code[3:6]
    return CAMEO_TO_ISO.get(head, head), SECTOR_ROLES.get(sector)


def _petrarch_entry(raw: dict) -> Entry:
    codings = tuple(raw["codings"])
    heads = {c.code[:3] for c in codings if c.code and c.code != "---"}
    kinds = {TRANSNATIONAL[h] for h in heads if h in TRANSNATIONAL}
    if len(kinds) == 1:
        type_: ActorType | None = next(iter(kinds))
    elif raw["person_hint"] or any(c.dated for c in codings):
        type_ = "person"
    else:
        type_ = None
    name = _display(raw["phrase"])
    aliases = tuple(dict.fromkeys(_display(a) for a in raw["aliases"] if a))
    return Entry(name=name, type=type_, aliases=aliases, codings=codings, origin=raw["origin"])


def _display(phrase: str) -> str:
    """'GEORGE W. BUSH' -> 'George W. Bush', 'AL-QAEDA' -> 'Al-Qaeda', 'MCCAIN' -> 'McCain'."""
    words = []
    for word in phrase.split():
        if word.upper() in ("II", "III", "IV") or (len(word) <= 2 and word.endswith(".")):
            words.append(word.upper())
            continue
        parts = re.split(r"([-'])", word.lower())
        word = "".join(p[:1].upper() + p[1:] for p in parts)
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2].upper() + word[3:]
        words.append(word)
    return " ".join(words)
