"""Old import path of `diplograph.graph.stores.oxigraph.store`.

Kept only because the parity tests (tests/test_questions_parity.py,
tests/test_questions_rollup_parity.py) import it and issue 14 leaves them untouched.
"""

from diplograph.graph.stores.oxigraph.store import OxigraphStore

__all__ = ["OxigraphStore"]
