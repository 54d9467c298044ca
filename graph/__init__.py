"""The graph side of diplograph: the canonical model, code tables, RDF vocabulary and stores.

Nothing here imports from `diplograph.ingest` or `diplograph.queries`.
"""
