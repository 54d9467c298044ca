"""Date expressions resolve against the article date, at the precision the text gives."""

import pytest

from diplograph.ingest.dates import resolve


@pytest.mark.parametrize(("text", "anchor", "future", "expected"), [
    ("January 6", "2017-01-09", False, "2017-01-06"),
    ("on January 6", "2017-01-09", False, "2017-01-06"),
    ("Jan. 6", "2017-01-09", False, "2017-01-06"),
    ("6 January", "2017-01-09", False, "2017-01-06"),
    ("January 6, 2016", "2017-01-09", False, "2016-01-06"),
    ("December 28", "2017-01-09", False, "2016-12-28"),   # last year's, not a future date
    ("January 20", "2017-01-09", True, "2017-01-20"),     # an announced visit lies ahead
    ("on Monday", "2017-01-11", False, "2017-01-09"),
    ("Friday", "2017-01-09", True, "2017-01-13"),
    ("next Monday", "2017-01-11", False, "2017-01-16"),
    ("yesterday", "2017-01-09", False, "2017-01-08"),
    ("today", "2017-01-09", False, "2017-01-09"),
    ("last month", "2017-01-09", False, "2016-12"),
    ("this year", "2017-01-09", False, "2017"),
    ("March 1999", None, False, "1999-03"),
    ("2015", "2017-01-09", False, "2015"),
    ("2017-01-06", None, False, "2017-01-06"),
    ("three days ago", "2017-01-09", False, "2017-01-06"),
    ("two years ago", "2017-01-09", False, "2015"),
    ("a month ago", "2017-01-09", False, "2016-12"),
    ("Friday evening", "2017-01-09", False, "2017-01-06"),
    ("yesterday morning", "2017-01-09", False, "2017-01-08"),
    ("earlier this month", "2017-01-09", False, "2017-01"),
    ("late last year", "2017-01-09", False, "2016"),
    ("mid-January", "2017-01-20", False, "2017-01"),
])
def test_resolves(text, anchor, future, expected):
    assert resolve(text, anchor, future) == expected


@pytest.mark.parametrize(("text", "anchor"), [
    ("yesterday", None),          # no anchor: never guess
    ("on Monday", None),
    ("last week", "2017-01-09"),  # no honest day or month
    ("the 1990s", "2017-01-09"),
    ("February 30", "2017-01-09"),
    ("January 6", None),          # no year anywhere
    ("two weeks ago", "2017-01-09"),  # a loose figure of speech, not a day
    ("last weekend", "2017-01-09"),
    ("three days ago", None),
])
def test_leaves_unresolvable_dates_empty(text, anchor):
    assert resolve(text, anchor) is None
