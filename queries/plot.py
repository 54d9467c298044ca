"""A dyad's timeline as a picture: events per period by QuadClass, and net Goldstein.

The numbers are the `timeline` question's (`diplograph.queries.timeline.timeline`), by month,
quarter or year, drawn with matplotlib: stacked bars count each period's events by QuadClass
(blues cooperative, oranges and reds conflictual), and a second panel over the same periods
gives each period's Goldstein sum, so the volume of a relationship and its tone read together.
Periods run without gaps; events that have no month (undated, or dated to the year only) cannot
be placed and are counted in the subtitle instead.

The output type follows the file name: ``.png``, ``.svg``, or ``.html`` (one self-contained page
with the SVG inline and the numbers of each period as a table).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.errors import QueryError
from diplograph.graph.codes import QUAD_CLASSES
from diplograph.graph.stores import Store
from diplograph.queries.timeline import TimelineRow, timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLOT_SUFFIXES = (".png", ".svg", ".html")
QUAD_COLORS = {1: "#9ecae1", 2: "#2171b5", 3: "#fdae6b", 4: "#d94801"}
#: Net Goldstein bars: cooperative (sum >= 0) and conflictual periods.
TONE_COLORS = {True: "#4393c3", False: "#d6604d"}
#: Per granularity, how many days a period's bar is wide and how many days a period spans.
BAR_DAYS = {"month": (24, 31), "quarter": (75, 92), "year": (300, 366)}


@dataclass(frozen=True)
class TimelinePlot:
    """What was drawn: the file, how many periods and events, and the undated events left out."""

    path: Path
    periods: int
    events: int
    undated: int


def plot_timeline(store: Store, a: str, b: str, path: str | Path, *, directed: bool = False,
                  since: str | None = None, until: str | None = None,
                  include_all: bool = False, title: str | None = None,
                  granularity: str = "month") -> TimelinePlot:
    """Draw the timeline of `a` and `b` into `path` (.png, .svg or .html).

    Actors are named as everywhere (ISO3 code, actor id, or name); the other arguments are the
    `timeline` question's.

    Raises:
        QueryError: for an unsupported file type, or when there are no dated events to draw.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise QueryError(f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist")
    suffix = path.suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise QueryError(f"cannot tell the plot type from {path.name!r}; name the file "
                         f"*.png, *.svg or *.html")
    rows = timeline(store, a, b, directed=directed, since=since, until=until,
                    include_all=include_all, granularity=granularity)
    dated = [r for r in rows if r.period is not None]
    undated = sum(r.events for r in rows if r.period is None)
    if not any(r.events for r in dated):
        raise QueryError(f"no dated events between {a} and {b}"
                         + (f" ({undated} undated)" if undated else "")
                         + "; check the names with `diplograph ask met` or widen the dates")
    link = "\u2192" if directed else "\u2013"
    heading = title or f"{a} {link} {b}: events per {granularity}"
    figure = draw(dated, heading, _subtitle(dated, undated, include_all), granularity)
    # SVG text stays text (searchable, selectable, read by screen readers), not outlines.
    with _rc({"svg.fonttype": "none"}):
        if suffix == ".html":
            path.write_text(_html_page(figure, dated, heading, granularity), encoding="utf-8")
        else:
            figure.savefig(path, format=suffix[1:], dpi=150, metadata=_metadata(suffix))
    return TimelinePlot(path, len(dated), sum(r.events for r in dated), undated)


def _rc(settings: dict[str, str]) -> Any:
    from matplotlib import rc_context

    return rc_context(settings)


def _metadata(suffix: str) -> dict[str, str | None]:
    """No creation date in the file, so the same data give the same bytes."""
    return {"Date": None} if suffix == ".svg" else {}


def _subtitle(rows: list[TimelineRow], undated: int, include_all: bool) -> str:
    total = sum(r.events for r in rows)
    span = (f"in {rows[0].period}" if rows[0].period == rows[-1].period
            else f"{rows[0].period} to {rows[-1].period}")
    words = [f"{total} events, {span}"]
    if undated:
        words.append(f"{undated} without a month not shown")
    if include_all:
        words.append("negated and unrealised events included")
    return "; ".join(words)


def draw(rows: list[TimelineRow], heading: str, subtitle: str,
         granularity: str = "month") -> Figure:
    """Two panels over the same periods: events by QuadClass above, net Goldstein below."""
    try:
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError as missing:
        raise QueryError("plots need matplotlib: pip install 'diplograph[export]'") from missing

    starts = [_start(r.period) for r in rows]  # type: ignore[arg-type]
    width, span = BAR_DAYS[granularity]
    width = width if len(rows) < 120 else width * 5 // 6
    figure = Figure(figsize=(10, 6), layout="constrained")
    counts, tone = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    bottom = [0] * len(rows)
    for quad, name in QUAD_CLASSES.items():
        values = [r.by_quad_class.get(quad, 0) for r in rows]
        counts.bar(starts, values, width=width, bottom=bottom, color=QUAD_COLORS[quad],
                   label=f"{quad} {name}", align="edge")
        bottom = [b + v for b, v in zip(bottom, values)]
    counts.set_ylabel(f"events per {granularity}")
    counts.yaxis.get_major_locator().set_params(integer=True)
    counts.set_ylim(0, max(bottom) * 1.1)
    counts.set_title(subtitle, fontsize=10, color="#444444", loc="left")

    sums = [r.goldstein_sum for r in rows]
    tone.bar(starts, sums, width=width, align="edge",
             color=[TONE_COLORS[s >= 0] for s in sums])
    tone.axhline(0, color="#555555", linewidth=0.8)
    limit = max(1.0, *(abs(s) for s in sums)) * 1.1
    tone.set_ylim(-limit, limit)
    tone.set_ylabel(f"net Goldstein\n(sum per {granularity})")
    locator = AutoDateLocator(minticks=4, maxticks=12)
    tone.xaxis.set_major_locator(locator)
    tone.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    # At least six periods wide, so one busy period is a bar and not a wall of days.
    pad = dt.timedelta(days=max(6 - len(rows), 0) * span / 2 + span / 4)
    tone.set_xlim(starts[0] - pad, starts[-1] + dt.timedelta(days=span) + pad)
    for axes in (counts, tone):
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.8)
        axes.set_axisbelow(True)

    handles, labels = counts.get_legend_handles_labels()
    handles += [Patch(color=TONE_COLORS[True]), Patch(color=TONE_COLORS[False])]
    labels += ["net Goldstein, cooperative", "net Goldstein, conflictual"]
    figure.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=9,
                  frameon=False)
    figure.suptitle(heading, fontsize=14, fontweight="bold", x=0.01, ha="left")
    return figure


def _start(period: str) -> dt.date:
    """The first day of a period: "2017-05", "2017-Q2" or "2017".

    >>> _start("2017-05"), _start("2017-Q2"), _start("2017")
    (datetime.date(2017, 5, 1), datetime.date(2017, 4, 1), datetime.date(2017, 1, 1))
    """
    if len(period) == 4:
        return dt.date(int(period), 1, 1)
    if period[5] == "Q":
        return dt.date(int(period[:4]), 3 * int(period[6]) - 2, 1)
    return dt.date(int(period[:4]), int(period[5:7]), 1)


def _html_page(figure: Figure, rows: list[TimelineRow], heading: str, granularity: str) -> str:
    """One offline page: the SVG inline, then the numbers it shows."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    cells = "".join(
        f"<tr><td>{r.period}</td><td>{r.events}</td>"
        + "".join(f"<td>{r.by_quad_class.get(q, 0)}</td>" for q in QUAD_CLASSES)
        + f"<td>{r.goldstein_sum:g}</td></tr>"
        for r in rows if r.events)
    head = "".join(f"<th>QuadClass {q}</th>" for q in QUAD_CLASSES)
    title = heading.replace("&", "&amp;").replace("<", "&lt;")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><style>body{{font:14px system-ui,sans-serif;margin:16px}}"
        "svg{max-width:100%;height:auto}table{border-collapse:collapse;margin-top:12px}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style></head><body>"
        f"{svg}<h2>{granularity.capitalize()}s with events</h2><table><tr><th>{granularity}</th>"
        f"<th>events</th>{head}"
        f"<th>net Goldstein</th></tr>{cells}</table></body></html>\n")
