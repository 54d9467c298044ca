"""Old home of `met`, `timeline` and `stats`, now one module each (`diplograph.queries.met`,
`.timeline`, `.stats`; the date helpers in `.dates`).

Kept only because the parity tests (tests/test_questions_parity.py,
tests/test_questions_rollup_parity.py) import it and issue 14 leaves them untouched; import from
`diplograph.queries` instead.
"""

from diplograph.queries.dates import GRANULARITIES, date_bound, period_of, period_range
from diplograph.queries.met import MetRecord, met
from diplograph.queries.stats import Stats, stats
from diplograph.queries.timeline import TimelineRow, timeline

__all__ = ["GRANULARITIES", "MetRecord", "Stats", "TimelineRow", "date_bound", "met",
           "period_of", "period_range", "stats", "timeline"]
