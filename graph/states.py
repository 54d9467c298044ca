"""States that ceased to exist, and which of today's codes stood for them before.

ISO 3166-3 keeps the codes of former states: SUN for the Soviet Union, DDR for East Germany, YUG
for Yugoslavia (the socialist federation and, until 2003, the Federal Republic), CSK for
Czechoslovakia. An event of 1987 in which "Moscow" or "the Kremlin" acted is the Soviet Union
acting, not the Russian Federation, so a successor's code is read as its predecessor's on dates
before the successor stood alone. West Germany is not here: ISO 3166 continues it as DEU, and
"West Germany" is an alias of DEU; East Germany's towns and officials are named as such.

The mapping runs one way, by the event's date: a successor's code before the cut-off becomes the
former state's; a former state named after its end ("the former Soviet Union") stays the former
state, since that is what the text speaks of. Timelines and other questions keep the two apart:
`ask timeline RUS CHN` counts events coded RUS, and events of the Soviet years are under SUN.

>>> state_on("RUS", "1987-12-08"), state_on("RUS", "1992-01"), state_on("RUS", None)
('SUN', 'RUS', 'RUS')
>>> state_on("CZE", "1992"), state_on("SRB", "1999-03-24"), state_on("DEU", "1987-06-12")
('CSK', 'YUG', 'DEU')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormerState:
    """A former state and the day its successors' own codes start to apply."""

    code: str
    name: str
    successors: tuple[str, ...]
    until: str  # first day on which the successors stand for themselves


FORMER_STATES: tuple[FormerState, ...] = (
    FormerState("SUN", "Soviet Union", ("RUS",), "1991-12-26"),
    FormerState("YUG", "Yugoslavia", ("SRB", "MNE"), "2003-02-04"),
    FormerState("CSK", "Czechoslovakia", ("CZE", "SVK"), "1993-01-01"),
    FormerState("DDR", "East Germany", (), "1990-10-03"),
)
_BY_SUCCESSOR = {s: f for f in FORMER_STATES for s in f.successors}


def state_on(code: str, date: str | None) -> str:
    """The code a state had on `date` (any ISO precision; a period counts by its first day).

    Without a date nothing can be said, so the code is kept as written.
    """
    former = _BY_SUCCESSOR.get(code)
    if former is None or not date:
        return code
    first = date + "-01-01"[len(date) - 4:] if len(date) < 10 else date
    return former.code if first < former.until else code


def lineage_note(code: str) -> str | None:
    """One line saying how a successor's or former state's code is counted, for questions that
    take a country; None for codes with no former state.

    >>> print(lineage_note("RUS"))
    RUS counts events coded RUS only; before 1991-12-26 the state acted as the Soviet Union, coded SUN (ask again with SUN for those years).
    """
    former = _BY_SUCCESSOR.get(code)
    if former is not None:
        return (f"{code} counts events coded {code} only; before {former.until} the state acted "
                f"as the {former.name}, coded {former.code} (ask again with {former.code} for "
                "those years).")
    former = next((f for f in FORMER_STATES if f.code == code), None)
    if former is not None and former.successors:
        return (f"{code} counts events of the {former.name} (to {former.until}); its successors "
                f"{', '.join(former.successors)} are counted under their own codes after that.")
    return None
