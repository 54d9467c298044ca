"""The CAMEO and PLOVER code tables: names, Goldstein scores, QuadClass and the CAMEO-to-PLOVER map.

Every event carries a PLOVER type *and* a CAMEO code so results join GDELT and ICEWS history; this
module is the one place those codes are defined. The tables are plain CSV files in ``data/`` so a
reviewer can check them by eye against the reference codebooks (a test also checks them
mechanically). Each row of ``cameo_codes.csv`` says in ``plover_from`` which line of the PLOVER 2021
conversion table supplied its PLOVER fields, and in ``note`` which of these decisions applied:

* Goldstein scores are the ICEWS values (GDELT differs for 016, 022, 164 and 165).
* PLOVER drops CAMEO 01 (statements) and 02 (appeals). A 02 code takes the mapping of its 10
  "demand" twin (0211 -> 1011), since PLOVER's REQUEST covers appeals too. The 01 codes get a type
  we chose: 015 AGREE and 016 REJECT as the PLOVER manual suggests, 011 REJECT, 012 ACCUSE,
  the rest SUPPORT, the broadest verbal-cooperation type.
* Two slips in the 2021 table are corrected: 175 has a context in its mode slot, 1712 gives ASSAULT
  a COERCE mode. Modes and contexts that PLOVER has since retired ("ease", "political",
  "democracy", "humanitarian") stay in the mode and context tables with ``status="retired"`` and the
  current term that replaces them; CAMEO rows use the current term.
* QuadClass follows the CAMEO root (01-05 verbal cooperation, 06-08 material cooperation, 09-13
  verbal conflict, 14-20 material conflict) as in GDELT and ICEWS, so it can differ from the
  PLOVER type's own QuadClass: 080 maps to CONCEDE, a verbal type, but root 08 is material.
* A type's ``default_cameo`` is the "unspecified" code of the CAMEO root most identified with it
  (CONSULT 040, ACCUSE 110, RETREAT 084, ASSAULT 180); extractors fall back to it when they know
  the PLOVER type but nothing finer.

Code 1214 appears in the PLOVER table but in neither CAMEO codebook, so it is not a CAMEO code here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from diplograph.errors import QueryError

Status = Literal["current", "retired"]

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
#: The QuadClasses that count as cooperation and as conflict, as ICEWS and GDELT split them.
COOPERATION, CONFLICT = (1, 2), (3, 4)

# Names used by older PLOVER drafts (and the PLOVER gold-standard records); only for error hints.
_OLD_TYPE_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                   "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its Goldstein score, QuadClass and PLOVER reading.

    `plover_from` is the code whose line in the PLOVER 2021 conversion table supplied the PLOVER
    fields: the code itself, its 10 twin for 02 codes, or None where the mapping is our choice.
    """

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    plover_from: str | None = None


@dataclass(frozen=True)
class PloverType:
    type: str
    definition: str
    quad_class: int
    default_cameo: str


@dataclass(frozen=True)
class PloverMode:
    """A mode of one PLOVER type; retired modes name the current mode that replaces them, if any."""

    type: str
    mode: str
    meaning: str
    status: Status = "current"
    replaced_by: str | None = None


@dataclass(frozen=True)
class PloverContext:
    """A PLOVER context; retired contexts name the current context that replaces them."""

    context: str
    meaning: str
    status: Status = "current"
    replaced_by: str | None = None


def _status(value: str) -> Status:
    if value not in ("current", "retired"):
        raise ValueError(f"code table status must be 'current' or 'retired', got {value!r}")
    return value  # type: ignore[return-value]


def _rows(name: str) -> list[dict[str, str]]:
    text = (files("diplograph.graph") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def _cameo_table() -> dict[str, CameoCode]:
    return {
        row["code"]: CameoCode(
            code=row["code"],
            name=row["name"],
            root=row["root"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"],
            plover_mode=row["plover_mode"] or None,
            plover_context=tuple(c for c in row["plover_context"].split(";") if c),
            plover_from=row["plover_from"] or None,
        )
        for row in _rows("cameo_codes.csv")
    }


@cache
def _type_table() -> dict[str, PloverType]:
    return {
        row["type"]: PloverType(type=row["type"], definition=row["definition"],
                                quad_class=int(row["quad_class"]),
                                default_cameo=row["default_cameo"])
        for row in _rows("plover_types.csv")
    }


@cache
def _mode_table() -> tuple[PloverMode, ...]:
    return tuple(
        PloverMode(type=row["type"], mode=row["mode"], meaning=row["meaning"],
                   status=_status(row["status"]), replaced_by=row["replaced_by"] or None)
        for row in _rows("plover_modes.csv")
    )


@cache
def _context_table() -> dict[str, PloverContext]:
    return {
        row["context"]: PloverContext(context=row["context"], meaning=row["meaning"],
                                      status=_status(row["status"]),
                                      replaced_by=row["replaced_by"] or None)
        for row in _rows("plover_contexts.csv")
    }


def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (roots included) in codebook order; a fresh dict the caller may change."""
    return dict(_cameo_table())


def cameo(code: str) -> CameoCode:
    """Look up a CAMEO code, forgiving a dropped leading zero ("42" is 042, "4" is root 04).

    A code that exists as written always wins, so "10" is root 10 (demands), never 010: pass codes
    as strings, because integer codes (as pandas reads GDELT's EventCode) have lost that zero.

    >>> cameo("042").goldstein
    1.9
    >>> cameo("42").code, cameo("4").code
    ('042', '04')
    >>> cameo("0421")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplograph.errors.QueryError: unknown CAMEO code '0421': its parent '042' (Pay a visit) ...
    """
    table = _cameo_table()
    text = str(code).strip()
    for candidate in (text, "0" + text):
        if candidate in table:
            return table[candidate]
    raise QueryError(_unknown_code_message(text, table))


def _unknown_code_message(text: str, table: dict[str, CameoCode]) -> str:
    parents = [text[:n] for n in range(len(text) - 1, 1, -1) if text[:n] in table]
    hint = (f"its parent {parents[0]!r} ({table[parents[0]].name}) exists; " if parents else "")
    return (f"unknown CAMEO code {text!r}: {hint}CAMEO codes are 2 to 4 digits with leading zeros "
            f"kept, e.g. '04' (a root), '042', '0211'; cameo_codes() lists all {len(table)}")


def quad_class_of(code: str) -> int:
    """QuadClass of a CAMEO code: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material.

    >>> quad_class_of("190"), QUAD_CLASSES[quad_class_of("057")]
    (4, 'verbal cooperation')
    """
    return cameo(code).quad_class


def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER event types, cooperative to conflictual; a fresh dict the caller may change."""
    return dict(_type_table())


def plover_type(type_name: str) -> PloverType:
    """Look up a PLOVER type by name, in any letter case.

    >>> plover_type("consult").quad_class
    1
    """
    types = _type_table()
    key = type_name.strip().upper()
    if key in types:
        return types[key]
    hint = (f"older PLOVER drafts called it {_OLD_TYPE_NAMES[key]}; "
            if key in _OLD_TYPE_NAMES else "")
    raise QueryError(f"unknown PLOVER type {type_name!r}: {hint}"
                     f"choose one of {', '.join(types)}")


def plover_modes(type_name: str | None = None, *, retired: bool = False) -> tuple[PloverMode, ...]:
    """Modes of one PLOVER type (or of all types); retired modes only when asked for.

    >>> [m.mode for m in plover_modes("CONSULT")]
    ['visit', 'third-party', 'multilateral', 'phone']
    """
    wanted = plover_type(type_name).type if type_name is not None else None
    return tuple(m for m in _mode_table()
                 if (wanted is None or m.type == wanted) and (retired or m.status == "current"))


def plover_contexts(*, retired: bool = False) -> dict[str, PloverContext]:
    """PLOVER contexts by name (any context fits any type); retired ones only when asked for."""
    return {name: c for name, c in _context_table().items() if retired or c.status == "current"}


def is_valid_mode(type_name: str, mode: str | None) -> bool:
    """Whether `mode` is a current mode of the type; no mode at all is always valid.

    Raises QueryError for an unknown type, which is a caller's bug rather than a "no".

    >>> is_valid_mode("CONSULT", "visit"), is_valid_mode("CONSULT", "riot")
    (True, False)
    >>> is_valid_mode("AID", None)
    True
    """
    modes = plover_modes(type_name)
    return not mode or any(m.mode == mode for m in modes)


def default_cameo(type_name: str) -> CameoCode:
    """The CAMEO code to record when only the PLOVER type is known.

    >>> default_cameo("CONSULT").code, default_cameo("ASSAULT").goldstein
    ('040', -9.0)
    """
    return cameo(plover_type(type_name).default_cameo)
