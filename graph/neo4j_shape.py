"""Old import path of `diplograph.graph.stores.neo4j.shape`.

Kept only because tests/test_questions_rollup_parity.py imports it and issue 14 leaves the
parity tests untouched.
"""

from diplograph.graph.stores.neo4j.shape import rollup_changes, rollup_rows

__all__ = ["rollup_changes", "rollup_rows"]
