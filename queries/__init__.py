"""Questions asked of a loaded graph: the public API, one import away.

>>> import tempfile
>>> from diplograph.queries import EventFilter, open_store, partners, timeline
>>> with open_store(tempfile.mkdtemp()) as store:
...     timeline(store, "KGZ", "CHN", filters=EventFilter(plover_types="consult")), partners(store, "KGZ")
([], [])

Each question is one module (`met`, `timeline`, `partners`, `compare`, `events`, `actor`,
`agreements`, `evidence`, `path`, `stats`), takes a `Store` (`open_store`) and the one filter
type `EventFilter`, returns frozen records with `to_dict()`, and gives the same answer from
every backend: it asks through the `Store` protocol only, in the store's own language, with one
template per question per backend (`sparql/`, `cypher/`). Exports, plots and DataFrames
(`export_graph`, `plot_timeline`, `to_frame`) start from those answers.
"""

from diplograph.graph.records import EventActor, EventRecord
from diplograph.graph.stores import Store, open_store
from diplograph.queries.actor import ActorProfile, AffiliationRecord, Counterpart, actor
from diplograph.queries.agreements import AgreementRecord, agreements
from diplograph.queries.compare import Change, compare, parse_period
from diplograph.queries.events import events
from diplograph.queries.evidence import EvidenceRecord, evidence
from diplograph.queries.export import ExportSummary, export_graph
from diplograph.queries.filters import EventFilter
from diplograph.queries.frames import flat_rows, to_frame
from diplograph.queries.met import MetRecord, met
from diplograph.queries.partners import PartnerRecord, partners
from diplograph.queries.path import PathRecord, path
from diplograph.queries.plot import TimelinePlot, plot_timeline
from diplograph.queries.raw import run_raw
from diplograph.queries.stats import Stats, stats
from diplograph.queries.timeline import TimelineRow, timeline

__all__ = [
    "ActorProfile", "AffiliationRecord", "AgreementRecord", "Change", "Counterpart",
    "EventActor", "EventFilter", "EventRecord", "EvidenceRecord", "ExportSummary", "MetRecord",
    "PartnerRecord", "PathRecord", "Stats", "Store", "TimelinePlot", "TimelineRow", "actor",
    "agreements", "compare", "events", "evidence", "export_graph", "flat_rows", "met",
    "open_store", "parse_period", "partners", "path", "plot_timeline", "run_raw", "stats",
    "timeline", "to_frame",
]
