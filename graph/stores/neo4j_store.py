"""Old import path of `diplograph.graph.stores.neo4j.store`.

Kept only because the parity tests (tests/test_questions_parity.py,
tests/test_questions_rollup_parity.py) import it and issue 14 leaves them untouched.
"""

from diplograph.graph.stores.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
