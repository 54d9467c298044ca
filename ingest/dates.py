"""Turn the date words of a sentence into ISO dates, anchored on the article's date.

A date is only as precise as the text: "in March" gives a month, "last week" gives nothing we can
state as a day. Without an anchor, relative expressions ("on Monday", "yesterday") stay unresolved
rather than guessed.

>>> resolve("January 6", "2017-01-09")
'2017-01-06'
>>> resolve("December 28", "2017-01-09")
'2016-12-28'
>>> resolve("on Monday", "2017-01-11")
'2017-01-09'
>>> resolve("March 1999", None)
'1999-03'
>>> resolve("yesterday", None) is None
True
>>> resolve("three days ago", "2017-01-09"), resolve("Friday evening", "2017-01-09")
('2017-01-06', '2017-01-06')
>>> resolve("earlier this month", "2017-01-09"), resolve("late last year", "2017-01-09")
('2017-01', '2016')
>>> resolve("Friday and Saturday", "2017-01-09", future=True)
'2017-01-13'
>>> resolve("on Monday", "2017-01-09", future=True), resolve("next Monday", "2017-01-09")
('2017-01-09', '2017-01-16')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(st|nd|rd|th)?(,?\s+(?P<year>\d{4}))?$"),
    re.compile(r"(?P<day>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?" + _MONTH + r"(,?\s+(?P<year>\d{4}))?$"),
    re.compile(_MONTH + r"(\s+of)?(,?\s+(?P<year>\d{4}))?$"),
    re.compile(r"^(?P<year>(19|20)\d{2})$"),
]
# how far past the article date a day may lie before we take it for last year's
_FUTURE_SLACK = timedelta(days=7)


_SPAN_NUMBER = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
               r"fifteen|twenty|thirty|forty|fifty|several|few|many|some|the\s+past|the\s+last)"
_SPAN = re.compile(
    r"\b" + _SPAN_NUMBER + r"[\s-]+(hour|day|week|month|year|decade|century)s?\b(?!\s+ago)"
    r"|\b(hour|day|week|month|year|decade)s?[\s-]long\b"
    r"|^(for\s+)?(hours|days|weeks|months|years|decades)$"
    r"|\btimes?\b")


def is_span(text: str) -> bool:
    """Does a date expression measure a length or count occasions rather than say when?

    "a five-year agreement", "for the second time in seven weeks", "three days of talks" say
    nothing of the day the event happened; they must not stand in for its date.

    >>> is_span("five-year"), is_span("the second time in seven weeks"), is_span("decades")
    (True, True, True)
    >>> is_span("three days ago"), is_span("last year"), is_span("March 2015")
    (False, False, False)
    """
    return bool(_SPAN.search(text.strip().lower()))


def _anchor(article_date: str | None) -> date | None:
    if article_date and len(article_date) == 10:
        return date.fromisoformat(article_date)
    return None


def resolve(text: str, article_date: str | None, future: bool = False) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for a date expression, or None.

    `future` says the event is announced, not past: a bare weekday then means the next one.
    """
    phrase = re.sub(r"^(on|in|since|by|during|from|at|of)\s+", "", text.strip().lower())
    phrase = re.sub(r"^the\s+", "", phrase).strip(" ,.")
    # the part of a day or period says nothing finer than the day or period itself
    phrase = re.sub(r"\s+(morning|afternoon|evening|night)$", "", phrase)
    phrase = re.sub(r"^(early|late|mid|earlier|later)[\s-]+(?=\S)", "", phrase)
    anchor = _anchor(article_date)
    relative = _relative(phrase, anchor, future)
    if relative is not False:
        return relative
    for pattern in _PATTERNS:
        match = pattern.search(phrase)
        if match:
            return _absolute(match.groupdict(), anchor, article_date, future)
    return None


def _relative(phrase: str, anchor: date | None, future: bool) -> str | None | bool:
    """Resolve relative words; False when the phrase is not relative at all."""
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this morning": 0,
               "last night": -1, "this evening": 0, "this afternoon": 0}
    if phrase in offsets:
        return (anchor + timedelta(days=offsets[phrase])).isoformat() if anchor else None
    days = re.fullmatch(r"(\w+)\s+(and|or|to|through)\s+\w+", phrase)
    if days and days[1] in WEEKDAYS:  # "Friday and Saturday": the event starts on the first
        phrase = days[1]
    words = phrase.split()
    if words and words[-1] in WEEKDAYS and len(words) <= 2:
        if not anchor:
            return None
        which = words[0] if len(words) == 2 else ("ahead" if future else "last")
        delta = (anchor.weekday() - WEEKDAYS[words[-1]]) % 7
        if which in ("next", "ahead"):  # an announced "on Wednesday" written on a Wednesday
            ahead = (WEEKDAYS[words[-1]] - anchor.weekday()) % 7  # is that day, "next" is not
            delta = -(ahead or (7 if which == "next" else 0))
        elif which == "last" and len(words) == 2 and delta == 0:
            delta = 7
        return (anchor - timedelta(days=delta)).isoformat()
    if phrase in ("this year", "last year", "next year"):
        if not anchor:
            return None
        return str(anchor.year + {"this": 0, "last": -1, "next": 1}[words[0]])
    if phrase in ("this month", "last month", "next month"):
        if not anchor:
            return None
        shift = {"this": 0, "last": -1, "next": 1}[words[0]]
        month_index = anchor.year * 12 + anchor.month - 1 + shift
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    ago = _AGO.match(phrase)
    if ago:
        return _ago(int(ago["n"]) if ago["n"].isdigit() else _NUMBERS[ago["n"]], ago["unit"],
                    anchor)
    if phrase in ("this week", "last week", "next week", "recently", "earlier", "later",
                  "weekend", "this weekend", "last weekend"):
        return None
    return False


_NUMBERS = {w: n for n, w in enumerate(
    ["a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"], start=1)} | {"one": 1, "an": 1}
_AGO = re.compile(r"^(?P<n>\d{1,3}|" + "|".join(_NUMBERS)
                  + r")\s+(?P<unit>day|month|year)s?\s+ago$")


def _ago(n: int, unit: str, anchor: date | None) -> str | None:
    """'three days ago' -> a day; months and years ago -> that month or year. Weeks are left
    out: "two weeks ago" is a loose figure of speech, not a day."""
    if anchor is None:
        return None
    if unit == "day":
        return (anchor - timedelta(days=n)).isoformat()
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 - n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{anchor.year - n:04d}"


def _absolute(parts: dict, anchor: date | None, article_date: str | None,
              future: bool) -> str | None:
    if parts.get("m"):
        return f"{parts['year']}-{parts['m']}-{parts['d']}"
    month = MONTHS[parts["month"]] if parts.get("month") else None
    day = int(parts["day"]) if parts.get("day") else None
    year = int(parts["year"]) if parts.get("year") else None
    if year is None:
        anchor_year = anchor.year if anchor else int(article_date[:4]) if article_date else None
        if anchor_year is None or month is None:
            return None
        year = anchor_year
        if anchor:
            candidate = date(year, month, min(day or 1, 28))
            if not future and candidate - anchor > _FUTURE_SLACK:
                year -= 1
            elif future and anchor - candidate > timedelta(days=180):
                year += 1
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
