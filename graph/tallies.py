"""Old import path of the tallies, which now live in `diplograph.graph.rollup`.

Kept only because tests/test_questions_rollup_parity.py imports it and issue 14 leaves the
parity tests untouched; import from `diplograph.graph.rollup` instead.
"""

from diplograph.graph.rollup import Cell, article_tallies, is_factual

__all__ = ["Cell", "article_tallies", "is_factual"]
