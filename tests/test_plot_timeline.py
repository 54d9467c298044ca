"""Timeline plots: PNG, SVG and HTML files of a dyad's periods, with the title, axis labels and
legend written in them, and the bars drawn in the colours of the QuadClasses that occur."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("matplotlib", reason="plots need matplotlib (the export extra)")

from diplograph.errors import QueryError  # noqa: E402
from diplograph.graph.stores.oxigraph.store import OxigraphStore  # noqa: E402
from diplograph.queries.plot import QUAD_COLORS, plot_timeline  # noqa: E402
from diplograph.queries.timeline import timeline  # noqa: E402


@pytest.fixture(scope="module")
def store(example_graphs, tmp_path_factory) -> Iterator[OxigraphStore]:
    with OxigraphStore(tmp_path_factory.mktemp("plot")) as opened:
        opened.write(example_graphs)
        yield opened


def test_png_shows_the_quad_classes_that_occur(store, tmp_path):
    from PIL import Image

    result = plot_timeline(store, "KGZ", "CHN", tmp_path / "kgz.png")
    rows = [r for r in timeline(store, "KGZ", "CHN") if r.period]
    assert (result.periods, result.events) == (len(rows), sum(r.events for r in rows)) != (0, 0)
    image = Image.open(result.path).convert("RGB")
    assert image.width >= 1200 and image.height >= 700  # 10 x 6 in at 150 dpi
    colours = set(image.getdata())
    occurring = {q for r in rows for q, n in r.by_quad_class.items() if n}
    for quad, colour in QUAD_COLORS.items():
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        # Legend swatches show every class; bars add many more pixels for the occurring ones.
        count = sum(1 for p in image.getdata() if p == rgb)
        assert (count > 2000) == (quad in occurring), (quad, count)
    assert len(colours) > 20


def test_svg_keeps_title_labels_and_legend_as_text(store, tmp_path):
    result = plot_timeline(store, "USA", "RUS", tmp_path / "usa.svg", include_all=True)
    svg = result.path.read_text(encoding="utf-8")
    for text in ("USA \u2013 RUS: events per month", "events per month", "net Goldstein",
                 "1 verbal cooperation", "4 material conflict", "negated and unrealised"):
        assert text in svg, text


def test_html_is_one_page_with_the_numbers(store, tmp_path):
    result = plot_timeline(store, "KGZ", "CHN", tmp_path / "kgz.html", directed=True,
                           title="Kyrgyzstan towards China")
    page = result.path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "Kyrgyzstan towards China" in page and " src=" not in page
    for row in timeline(store, "KGZ", "CHN", directed=True):
        if row.events:
            assert f"<td>{row.period}</td><td>{row.events}</td>" in page


def test_refuses_unknown_types_and_empty_dyads(store, tmp_path):
    with pytest.raises(QueryError, match=r"\*.png, \*.svg or \*.html"):
        plot_timeline(store, "KGZ", "CHN", tmp_path / "kgz.pdf")
    with pytest.raises(QueryError, match="no dated events between KGZ and FRA"):
        plot_timeline(store, "KGZ", "FRA", tmp_path / "none.png")


def test_quarters_and_years_are_drawn_with_their_own_labels(store, tmp_path):
    result = plot_timeline(store, "KGZ", "CHN", tmp_path / "kgz.html", granularity="year")
    rows = [r for r in timeline(store, "KGZ", "CHN", granularity="year") if r.period]
    assert result.periods == len(rows) and result.events == sum(r.events for r in rows)
    page = result.path.read_text(encoding="utf-8")
    assert "KGZ \u2013 CHN: events per year" in page and "<th>year</th>" in page
    for row in rows:
        if row.events:
            assert f"<td>{row.period}</td><td>{row.events}</td>" in page
    quarters = plot_timeline(store, "KGZ", "CHN", tmp_path / "q.svg", granularity="quarter")
    assert "events per quarter" in quarters.path.read_text(encoding="utf-8")
