"""The `diplograph` command: a thin shell over diplograph.api and diplograph.queries.

Data goes to stdout; progress, warnings and the skipped-input summary go to stderr. Heavy
libraries are imported inside commands so that `diplograph --help` stays instant.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

import click

from diplograph import __version__
from diplograph.errors import DiplographError

FORMATS = ("table", "json", "jsonl", "csv")


class _Group(click.Group):
    """Turns expected errors into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplographError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def store_option(func: Callable) -> Callable:
    """--store, and the SPARQL endpoints a server may lay out its own way (--sparql-update, --gsp),
    which apply to every store the command opens."""
    @functools.wraps(func)
    def with_endpoints(*args: Any, sparql_update: str | None, gsp: str | None,
                       **kwargs: Any) -> Any:
        from diplograph.graph.stores import SPARQL_ENDPOINTS

        given = {"update_url": sparql_update, "gsp_url": gsp}
        token = SPARQL_ENDPOINTS.set({name: url for name, url in given.items() if url})
        try:
            return func(*args, **kwargs)
        finally:
            SPARQL_ENDPOINTS.reset(token)

    with_endpoints = click.option(
        "--gsp", default=None, metavar="URL",
        help="SPARQL Graph Store endpoint of an http(s) store, where it is not the default "
             "(DATASET/data on Fuseki, /store on oxigraph serve).")(with_endpoints)
    with_endpoints = click.option(
        "--sparql-update", default=None, metavar="URL",
        help="SPARQL Update endpoint of an http(s) store, where it is not the default "
             "(DATASET/update on Fuseki, /update on oxigraph serve).")(with_endpoints)
    return click.option(
        "--store", "store", envvar="DIPLOGRAPH_STORE", default=None, metavar="ADDRESS",
        help="Store address: a directory (embedded Oxigraph, default ./diplograph-data), "
             "bolt://host:port (Neo4j), or http(s)://... (a SPARQL 1.1 server: a Fuseki "
             "dataset URL such as http://host:3030/ds, or oxigraph serve's http://host:7878; "
             "credentials in $DIPLOGRAPH_SPARQL_USER and $DIPLOGRAPH_SPARQL_PASSWORD). "
             "Also $DIPLOGRAPH_STORE.")(with_endpoints)


def format_option(default: str = "table", choices: Sequence[str] = FORMATS) -> Callable:
    def decorate(func: Callable) -> Callable:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help="Output format.")(func)
    return decorate


def input_options(func: Callable) -> Callable:
    func = click.option(
        "--actors", "actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="Actor dictionary to load (repeatable): a PETRARCH/Phoenix actor file (.txt) or a "
             "CSV with columns name, aliases, type, country, role, from, to, wikidata. Entries "
             "override the extractor's guesses and their dated roles apply only inside their "
             "dates; later files win where they disagree.")(func)
    func = click.option(
        "--coder", type=click.Choice(("rules", "model")), default="rules", show_default=True,
        help="Who decides the events: the trigger-lexicon rules, or the learned coder shipped "
             "with diplograph (experimental; see ingest/data/coder/MODEL_CARD.md).")(func)
    func = click.option("--date", default=None, metavar="YYYY-MM-DD",
                        help="Publication date for inputs that carry none (anchors 'on Monday').")(func)
    func = click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)
    return func


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Write records to stdout as a table, JSON, JSON lines or CSV.

    CSV gets flat rows (`diplograph.queries.frames.flat_rows`): one column per nested count, the
    same columns a DataFrame of the answer has.
    """
    if fmt == "csv" and columns is None:
        from diplograph.queries.frames import flat_rows

        rows = flat_rows(rows)
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(_table(rows, columns))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_cell(v)}" for k, v in value.items() if v not in (None, "", 0))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "(no results)"
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def _report_skips(skipped: Sequence[Any], quiet: bool) -> None:
    from diplograph.ingest.readers import summarize_skips

    if not skipped:
        return
    if not quiet:
        for skip in skipped:
            click.echo(f"skipped {skip}", err=True)
    click.echo(summarize_skips(skipped), err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplograph")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or per-item warnings.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Turn news articles about international affairs into a temporal knowledge graph of
    diplomatic events, and ask it questions.

    \b
    Example:
      diplograph ingest examples/articles.jsonl
      diplograph ask timeline KGZ CHN
    """
    ctx.obj = {"quiet": quiet}


@cli.command()
@input_options
@format_option(default="jsonl", choices=("jsonl", "json", "table", "csv"))
@click.pass_context
def extract(ctx: click.Context, inputs: tuple[str, ...], date: str | None, coder: str,
            actors: tuple[str, ...], fmt: str) -> None:
    """Print the events found in articles, without storing them.

    INPUT is a text file (one article), a directory (read recursively), a JSONL or CSV file with
    id,title,date,url,text columns (only text is required), or - for stdin.

    \b
    Example:
      diplograph extract --date 2017-01-09 article.txt
      diplograph extract --format table examples/articles.jsonl
      diplograph extract --actors my-actors.csv --format table news/
      diplograph extract --coder model article.txt
    """
    from diplograph.api import extract_files

    quiet = ctx.obj["quiet"]
    skipped: list = []
    graphs = extract_files(inputs, date=date, skipped=skipped, progress=not quiet, actors=actors,
                           coder=coder)
    if fmt == "jsonl":
        for graph in graphs:
            for event in graph.events:
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
    else:
        found = [event for graph in graphs for event in graph.events]
        render([_event_row(e) if fmt == "table" else e.to_dict() for e in found], fmt)
    _report_skips(skipped, quiet)


def _event_row(event: Any) -> dict[str, Any]:
    """An extracted event as one line of the `extract --format table` output."""
    return {"date": event.date, "source": _names(event.source), "type": event.plover_type,
            "cameo": event.cameo_code, "target": _names(event.target), "object": event.object,
            "modality": ("not " if event.negated else "") + event.modality,
            "trigger": event.trigger}


def _names(actors: Sequence[Any]) -> str:
    """'Name (ISO3); …' for table cells; works for model actors and query records alike."""
    return "; ".join(f"{a.name} ({a.country})" if a.country else a.name for a in actors)


@cli.command()
@input_options
@store_option
@click.option("--batch-size", default=200, show_default=True,
              help="Articles written to the store per transaction.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], date: str | None, coder: str,
           actors: tuple[str, ...], store: str | None, batch_size: int) -> None:
    """Extract events from articles and load them into a store.

    Re-running an ingest replaces each article's events, so the store ends up the same; an
    interrupted ingest is resumed by running it again.

    \b
    Example:
      diplograph ingest examples/articles.jsonl
      diplograph ingest --store bolt://localhost:7687 news/
      diplograph ingest --store http://localhost:3030/ds news/
    """
    from diplograph.api import ingest as run_ingest
    from diplograph.graph.stores import resolve_address

    quiet = ctx.obj["quiet"]
    address = resolve_address(store)
    summary = run_ingest(inputs, address, date=date, write_batch=batch_size, progress=not quiet,
                         actors=actors, coder=coder)
    _report_skips(summary.skipped, quiet)
    click.echo(f"ingested {summary.articles} articles, {summary.events} events into {address}",
               err=True)


@cli.command(name="import")
@click.argument("fmt", metavar="FORMAT",
                type=click.Choice(("gdelt1", "gdelt2", "icews", "polecat", "events")))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--mentions", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="GDELT 2.0 mention table(s), joined to gdelt2 events for provenance.")
@store_option
@click.pass_context
def import_(ctx: click.Context, fmt: str, files: tuple[str, ...], mentions: tuple[str, ...],
            store: str | None) -> None:
    """Load event data you already have: GDELT 1.0/2.0, ICEWS, POLECAT, or event JSONL that
    `diplograph extract --format jsonl` wrote.

    Events keep their dataset (ask questions with --origin to compare), the source's own event
    id and URL. Importing a file again gives the same graph; a bad row is reported as
    file:line: reason and skipped; a killed import is finished by running it again.

    \b
    Example:
      diplograph import gdelt1 20120801.export.CSV
      diplograph import icews events.2018.tab --store bolt://localhost:7687
      diplograph import gdelt2 20240101000000.export.CSV --mentions 20240101000000.mentions.CSV
      diplograph ask timeline USA RUS --origin gdelt
    """
    from diplograph.api import import_files
    from diplograph.graph.stores import resolve_address

    quiet = ctx.obj["quiet"]
    address = resolve_address(store)
    summary = import_files(fmt, files, address, mentions=mentions, progress=not quiet)
    _report_skips(summary.skipped, quiet)
    click.echo(f"imported {summary.events} {fmt} events ({summary.articles} records) into "
               f"{address}", err=True)


@cli.command()
@click.option("--sparql", "sparql", default=None, metavar="QUERY|@FILE",
              help="A SPARQL SELECT/ASK query, or @file.rq.")
@click.option("--cypher", "cypher", default=None, metavar="QUERY|@FILE",
              help="A Cypher query (Neo4j stores), or @file.cypher.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter ($NAME in Cypher, ?NAME in SPARQL); repeatable.")
@click.option("--write", is_flag=True,
              help="Allow the query to write: Cypher on Neo4j, SPARQL Update on an http(s) store.")
@store_option
@format_option()
def query(sparql: str | None, cypher: str | None, params: tuple[str, ...], write: bool,
          store: str | None, fmt: str) -> None:
    """Run a raw SPARQL or Cypher query against a store, with bound parameters.

    \b
    Example:
      diplograph query --sparql 'SELECT ?t (COUNT(*) AS ?n) WHERE { ?e dg:ploverType ?t } GROUP BY ?t'
      diplograph query --sparql @my.rq --param actor=Xi --format csv
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.raw import run_raw

    if bool(sparql) == bool(cypher):
        raise click.UsageError("give exactly one of --sparql or --cypher")
    text = _read_query(sparql or cypher)
    bound = dict(_parse_param(p) for p in params)
    with open_store(store) as opened:
        rows = run_raw(opened, text, "sparql" if sparql else "cypher", bound, write=write)
    render(rows, fmt)


def _read_query(text: str) -> str:
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as handle:
                return handle.read()
        except OSError as exc:
            raise click.BadParameter(f"cannot read query file {text[1:]!r}: {exc.strerror}")
    return text


def _parse_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise click.BadParameter(f"parameter must look like NAME=VALUE, got {text!r}")
    return name, value


@cli.group()
def ask() -> None:
    """Ready-made questions; the same answers on every store.

    \b
    Example:
      diplograph ask met "Xi Jinping"
      diplograph ask timeline KGZ CHN
    """


def dates_options(func: Callable) -> Callable:
    func = click.option("--until", default=None, metavar="YYYY-MM-DD", help="Latest date.")(func)
    func = click.option("--since", default=None, metavar="YYYY-MM-DD", help="Earliest date.")(func)
    func = click.option("--all", "include_all", is_flag=True,
                        help="Keep negated, future and hypothetical events too.")(func)
    return func


# what fits a terminal; JSON and CSV carry every field (event and article ids, the sentence)
MET_TABLE_COLUMNS = ("date", "actor_name", "direction", "counterpart_name", "counterpart_country",
                     "place", "cameo_code", "modality", "event_id")


@ask.command()
@click.argument("actor")
@dates_options
@store_option
@format_option()
def met(actor: str, since: str | None, until: str | None, include_all: bool,
        store: str | None, fmt: str) -> None:
    """Who ACTOR met (or visited, or hosted), when and where.

    ACTOR is a name or alias ("Xi Jinping"), an actor id, or an ISO3 country code (CHN).

    \b
    Example:
      diplograph ask met "Xi Jinping"
      diplograph ask met KGZ --since 2017-01-01 --format csv
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.met import met as ask_met

    with open_store(store) as opened:
        records = ask_met(opened, actor, since=since, until=until, include_all=include_all)
    columns = MET_TABLE_COLUMNS if fmt == "table" else None
    render([r.to_dict() for r in records], fmt, columns)


def origin_option(func: Callable) -> Callable:
    """Which datasets' events count (imported with `diplograph import`, or extracted)."""
    return click.option("--origin", "origins", multiple=True, metavar="ORIGIN",
                        help="Only events from this dataset: extract (extracted from articles), "
                             "gdelt1, gdelt2, gdelt (both), icews, polecat; repeatable.")(func)


def code_options(func: Callable) -> Callable:
    """The type filters every question takes: PLOVER types, CAMEO codes, QuadClasses."""
    func = click.option("--quad-class", "quad_classes", multiple=True, type=click.IntRange(1, 4),
                        metavar="1-4", help="QuadClass: 1 verbal cooperation, 2 material "
                        "cooperation, 3 verbal conflict, 4 material conflict; repeatable.")(func)
    func = click.option("--cameo", multiple=True, metavar="CODE",
                        help="CAMEO code or root (04 keeps every consultation, 042 visits); "
                             "repeatable or comma-separated.")(func)
    func = click.option("--type", "plover_types", multiple=True, metavar="TYPE",
                        help="PLOVER type (CONSULT, AID, SANCTION, ...); repeatable or "
                             "comma-separated.")(func)
    return func


@ask.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", "granularity", type=click.Choice(("month", "quarter", "year")),
              default="month", show_default=True, help="Length of each period.")
@click.option("--directed", is_flag=True, help="Only events from A toward B.")
@origin_option
@code_options
@dates_options
@store_option
@format_option()
def timeline(a: str, b: str, store: str | None, fmt: str, **options: Any) -> None:
    """The series of events between A and B, period by period: counts by PLOVER type and
    QuadClass, Goldstein sum and mean.

    A and B are ISO3 country codes (KGZ, CHN), actor ids or names. Dates bound at month
    precision; events with no month come last, as a period of their own, when no date is given.
    Former states keep their own codes: RUS counts Russia from 1991-12-26, the Soviet Union's
    events are under SUN (likewise YUG, CSK, DDR); a note on stderr says so when it applies.

    \b
    Example:
      diplograph ask timeline KGZ CHN
      diplograph ask timeline USA RUS --directed --by quarter --format csv
      diplograph ask timeline USA CHN --by year --quad-class 3 --quad-class 4 --since 2015
      diplograph ask timeline USA RUS --origin gdelt --origin extract
    """
    from diplograph.graph.states import lineage_note
    from diplograph.graph.stores import open_store
    from diplograph.queries.timeline import timeline as ask_timeline

    for note in dict.fromkeys(filter(None, (lineage_note(code.upper()) for code in (a, b)))):
        click.echo(note, err=True)
    with open_store(store) as opened:
        rows = [r.to_dict() for r in ask_timeline(opened, a, b, **options)]
    if fmt == "table":  # the full series is for csv/json; a terminal shows busy periods
        busy = [row for row in rows if row["events"]]
        if len(busy) < len(rows):
            click.echo(f"{len(rows) - len(busy)} periods without events not shown; "
                       "--format csv gives the full series", err=True)
        rows = busy
    render(rows, fmt)


@ask.command()
@click.argument("actor")
@click.option("--by", type=click.Choice(("country", "actor")), default="country",
              show_default=True, help="Count counterpart countries or single actors.")
@click.option("--sort", type=click.Choice(("events", "cooperative", "hostile")),
              default="events", show_default=True,
              help="Most events first, or by net Goldstein from the most cooperative or the "
                   "most hostile.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1),
              help="How many counterparts to list.")
@origin_option
@code_options
@dates_options
@store_option
@format_option()
def partners(actor: str, store: str | None, fmt: str, **options: Any) -> None:
    """The counterparts of ACTOR: how many events each way, cooperation and conflict, and the
    net Goldstein score.

    ACTOR is an ISO3 country code (any actor of that country), an actor id or a name.

    \b
    Example:
      diplograph ask partners KGZ
      diplograph ask partners USA --sort hostile --since 2020 --top 10
      diplograph ask partners "Xi Jinping" --by actor --type CONSULT --format csv
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.partners import partners as ask_partners

    with open_store(store) as opened:
        records = ask_partners(opened, actor, **options)
    render([r.to_dict() for r in records], fmt,
           PARTNER_TABLE_COLUMNS if fmt == "table" else None)


# the key is for scripts (it is what `ask timeline` takes); a terminal shows the id
PARTNER_TABLE_COLUMNS = ("counterpart_name", "counterpart_id", "events", "events_out",
                         "events_in", "goldstein_sum", "goldstein_mean", "cooperation", "conflict")


@ask.command()
@click.argument("a")
@click.argument("b")
@click.option("--period1", required=True, metavar="PERIOD",
              help="The first period: 2017, 2017-03, or 2016-07/2017-06.")
@click.option("--period2", required=True, metavar="PERIOD", help="The second period.")
@click.option("--directed", is_flag=True, help="Only events from A toward B.")
@origin_option
@code_options
@click.option("--all", "include_all", is_flag=True,
              help="Keep negated, future and hypothetical events too.")
@store_option
@format_option()
def compare(a: str, b: str, period1: str, period2: str, store: str | None, fmt: str,
            **options: Any) -> None:
    """How the relation between A and B changed from one period to another: events, rates per
    month (fair when the periods differ in length), Goldstein, cooperation and conflict, and
    each PLOVER type.

    \b
    Example:
      diplograph ask compare KGZ CHN --period1 2016 --period2 2017
      diplograph ask compare USA RUS --period1 2021-03/2022-02 --period2 2022-03/2023-02 --directed
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.compare import compare as ask_compare

    with open_store(store) as opened:
        changes = ask_compare(opened, a, b, period1, period2, **options)
    render([c.to_dict() for c in changes], fmt)


@ask.command(name="agreements")
@click.option("--actor", default=None, metavar="ACTOR",
              help="Agreements with this actor as a party: an ISO3 code (KGZ), an actor id "
                   "(person:xi-jinping) or a name.")
@click.option("--counterpart", default=None, metavar="ACTOR",
              help="With --actor: this actor as another party.")
@click.option("--signed", "signed_only", is_flag=True,
              help="Only signed agreements (CAMEO 057), not pledges, offers or intents.")
@code_options
@dates_options
@store_option
@format_option()
def ask_agreements(store: str | None, fmt: str, **filters: Any) -> None:
    """What was agreed or signed, by whom, when and where: PLOVER AGREE events and signings
    (CAMEO 057), one line per event as each article reports it.

    \b
    Example:
      diplograph ask agreements --actor KGZ --counterpart CHN
      diplograph ask agreements --signed --since 2020 --format csv > signed.csv
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.agreements import agreements

    with open_store(store) as opened:
        records = agreements(opened, **filters)
    if fmt == "table":
        render([{"date": r.date, "parties": _names(r.parties), "predicate": r.predicate,
                 "what": r.what, "signed": "yes" if r.signed else "", "place": r.place,
                 "event_id": r.event_id} for r in records], fmt)
    elif fmt == "csv":
        render([{**r.to_dict(), "parties": _names(r.parties)} for r in records], fmt)
    else:
        render([r.to_dict() for r in records], fmt)


@ask.command(name="evidence")
@click.argument("event_id")
@store_option
@format_option(choices=("table", "json"))
def ask_evidence(event_id: str, store: str | None, fmt: str) -> None:
    """The article, sentence and words behind event EVENT_ID, and how its date was found.

    EVENT_ID is the id that `ask events`, `ask agreements`, `ask path` and `extract` print.

    \b
    Example:
      diplograph ask evidence e6b2934edea3ab127
      diplograph ask evidence e6b2934edea3ab127 --format json
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.evidence import evidence

    with open_store(store) as opened:
        record = evidence(opened, event_id).to_dict()
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    width = max(map(len, record))
    for name, value in record.items():
        click.echo(f"{name.ljust(width)}  {_cell(value)}")


@ask.command(name="path")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=4, show_default=True, type=click.IntRange(1, 8),
              help="Longest chain to look for, in hops.")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1),
              help="How many of the shortest chains to show (in order of actor ids).")
@code_options
@dates_options
@store_option
@format_option(choices=("table", "json", "jsonl"))
def ask_path(a: str, b: str, max_hops: int, limit: int, store: str | None, fmt: str,
             **filters: Any) -> None:
    """The shortest chains of relations from A to B, with the events on each hop.

    A and B are ISO3 codes (every actor of that country), actor ids or names. Two actors are
    related when an event links them, in either direction; countries may sit in the middle.

    \b
    Example:
      diplograph ask path "Almazbek Atambayev" "Vladimir Putin"
      diplograph ask path KGZ RUS --type CONSULT --since 2017 --format json
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.path import path

    with open_store(store) as opened:
        records = path(opened, a, b, max_hops=max_hops, limit=limit, **filters)
    if fmt != "table":
        render([r.to_dict() for r in records], fmt)
        return
    if not records:
        click.echo(f"(no chain of at most {max_hops} hops)")
    for number, record in enumerate(records, 1):
        names = {x.id: x.name for x in record.actors}
        click.echo(f"{number}. " + " -> ".join(names.values()))
        render([{"hop": f"{names[h.from_id]} -> {names[h.to_id]}", "date": e.date,
                 "direction": e.direction, "type": e.plover_type, "predicate": e.predicate,
                 "event_id": e.event_id} for h in record.hops for e in h.events], fmt)
        click.echo()


EXPORT_FORMATS = ("graphml", "gexf", "json", "cytoscape", "csv", "ttl", "nt", "nq", "trig",
                  "jsonld", "html")


def filter_options(func: Callable) -> Callable:
    """The event filters of `ask events` and `export` (diplograph.queries.events.EventFilter)."""
    func = dates_options(func)
    func = code_options(func)
    func = origin_option(func)
    func = click.option("--directed", is_flag=True,
                        help="The actor must be the source (and the counterpart the target).")(func)
    func = click.option("--counterpart", default=None, metavar="ACTOR",
                        help="With --actor: this actor on the other side.")(func)
    func = click.option("--actor", default=None, metavar="ACTOR",
                        help="Events with this actor on either side: an ISO3 code (KGZ), an "
                             "actor id (person:xi-jinping) or a name.")(func)
    return func


@ask.command(name="actor")
@click.argument("actor")
@click.option("--top", default=10, show_default=True, help="How many counterparts to list.")
@code_options
@dates_options
@store_option
@format_option(choices=("table", "json"))
def ask_actor(actor: str, top: int, store: str | None, fmt: str, **filters: Any) -> None:
    """Who ACTOR is: aliases, roles over time with their evidence, top counterparts, event mix.

    ACTOR is a name or alias, an actor id, or an ISO3 code (the country itself).

    \b
    Example:
      diplograph ask actor "Xi Jinping"
      diplograph ask actor KGZ --format json
      diplograph ask actor "Xi Jinping" --since 2019 --type CONSULT,AGREE
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.actor import actor as ask

    with open_store(store) as opened:
        profiles = ask(opened, actor, top=top, **filters)
    if fmt == "json":
        render([p.to_dict() for p in profiles], fmt)
        return
    if not profiles:
        click.echo("(no such actor)")
    for profile in profiles:
        click.echo(f"{profile.name} ({profile.id}; {profile.type}, {profile.country or '-'})")
        if profile.aliases:
            click.echo(f"also found as: {', '.join(profile.aliases)}")
        mix = ", ".join(f"{t}={n}" for t, n in profile.event_mix.items()) or "none"
        click.echo(f"events: {mix}\n")
        render([asdict(a) for a in profile.affiliations], fmt,
               ("start", "end", "role", "title", "country", "article_id", "evidence"))
        click.echo()
        render([asdict(c) for c in profile.counterparts], fmt)
        click.echo()


@ask.command(name="events")
@filter_options
@store_option
@format_option()
def ask_events(store: str | None, fmt: str, **filters: object) -> None:
    """Events that pass the filters: actor, counterpart, type, CAMEO code, QuadClass, dates.

    \b
    Example:
      diplograph ask events --actor KGZ --counterpart CHN
      diplograph ask events --type SANCTION --since 2021-01-01 --format csv > sanctions.csv
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.events import EventFilter, events
    from diplograph.queries.export import event_row

    with open_store(store) as opened:
        records = events(opened, EventFilter(**filters))
    if fmt in ("json", "jsonl"):
        render([r.to_dict() for r in records], fmt)
    elif fmt == "csv":
        render([event_row(r) for r in records], fmt)
    else:
        render([{"date": r.date, "source": _names(r.source), "type": r.plover_type,
                 "cameo": r.cameo_code, "target": _names(r.target), "object": r.object,
                 "event_id": r.id} for r in records], fmt)



@cli.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="graphml/gexf (Gephi), json (networkx node-link), cytoscape (Cytoscape.js), "
                   "csv (events table; to a directory also neo4j-admin import files), "
                   "ttl/nt/nq/trig/jsonld (RDF), html (interactive graph).")
@click.option("-o", "--output", required=True, type=click.Path(writable=True),
              help="File to write; for --format csv a directory unless it ends in .csv.")
@click.option("--view", type=click.Choice(("actors", "events")), default="actors",
              show_default=True,
              help="Graph formats: actors as nodes with weighted edges, or actors and events "
                   "as nodes.")
@filter_options
@store_option
def export(fmt: str, output: str, view: str, store: str | None, **filters: object) -> None:
    """Write events for Gephi, Cytoscape, Neo4j, pandas/R or an RDF store, or as an offline
    interactive HTML graph; the filters are those of `ask events`.

    \b
    Example:
      diplograph export --format gexf -o graph.gexf
      diplograph export --format html -o graph.html --actor CHN --since 2019
      diplograph export --format csv -o events.csv --type CONSULT,AGREE
      diplograph export --format csv -o neo4j-files/
      diplograph export --format trig -o events.trig
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.events import EventFilter
    from diplograph.queries.export import export_graph

    with open_store(store) as opened:
        summary = export_graph(opened, fmt, output, view=view, filters=EventFilter(**filters))
    size = (f"{summary.nodes} nodes, {summary.edges} edges" if summary.nodes
            else f"{summary.triples} statements" if summary.triples
            else f"{len(summary.paths)} files")
    click.echo(f"wrote {summary.events} events ({size}) to {output} "
               f"in {summary.seconds:.1f} s", err=True)
    if summary.command:
        click.echo(f"to load into a stopped Neo4j, in {output}/neo4j run: "
                   + " ".join(summary.command), err=True)


@cli.group()
def plot() -> None:
    """Pictures of the graph.

    \b
    Example:
      diplograph plot timeline KGZ CHN -o kgz-chn.png
    """


@plot.command(name="timeline")
@click.argument("a")
@click.argument("b")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="A .png, .svg or .html file; the type follows the name.")
@click.option("--by", "granularity", type=click.Choice(("month", "quarter", "year")),
              default="month", show_default=True, help="Length of each bar's period.")
@click.option("--directed", is_flag=True, help="Only events from A toward B.")
@click.option("--title", default=None,
              help="Title above the plot (default: 'A – B: events per month').")
@dates_options
@store_option
def plot_timeline_command(a: str, b: str, output: str, granularity: str, directed: bool,
                          title: str | None, since: str | None, until: str | None,
                          include_all: bool, store: str | None) -> None:
    """Draw A and B period by period: events by QuadClass, and the net Goldstein score.

    A and B are ISO3 country codes (KGZ, CHN), actor ids or names, as in `ask timeline`.

    \b
    Example:
      diplograph plot timeline KGZ CHN -o kgz-chn.png
      diplograph plot timeline USA RUS --directed --since 2020 -o usa-rus.svg
      diplograph plot timeline "Xi Jinping" KGZ -o xi-kgz.html
      diplograph plot timeline USA CHN --by year -o usa-chn.png
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.plot import plot_timeline

    with open_store(store) as opened:
        result = plot_timeline(opened, a, b, output, directed=directed, since=since,
                               until=until, include_all=include_all, title=title,
                               granularity=granularity)
    click.echo(f"drew {result.events} events over {result.periods} {granularity}s to "
               f"{result.path}"
               + (f" ({result.undated} without a month left out)" if result.undated else ""),
               err=True)


@cli.command()
@store_option
@format_option()
def stats(store: str | None, fmt: str) -> None:
    """What a store holds: articles, events, actors, event types, date range.

    \b
    Example:
      diplograph stats
      diplograph stats --store bolt://localhost:7687 --format json
    """
    from diplograph.graph.stores import open_store
    from diplograph.queries.stats import stats as ask_stats

    with open_store(store) as opened:
        figures = ask_stats(opened).to_dict()
    if fmt == "table":
        render([{"measure": k, "value": v} for k, v in figures.items()], fmt)
    else:
        render([figures], fmt)


@cli.command(name="eval")
@click.argument("sets", nargs=-1, metavar="[SET]...")
@click.option("--data", "data_dir", envvar="DIPLOGRAPH_DATA", default="../shared/data",
              show_default=True, type=click.Path(file_okay=False),
              help="Folder holding the gold sets (also $DIPLOGRAPH_DATA).")
@click.option("--limit", type=int, default=None, help="Score only the first N sentences of each set.")
@click.option("--floor", "floor_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A JSON file of minimum figures; exit 1 when any figure falls below it.")
@click.option("--coder", type=click.Choice(("rules", "model")), default="rules",
              show_default=True, help="Score the rules or the learned coder.")
@format_option(choices=("table", "json", "markdown"))
@click.pass_context
def evaluate(ctx: click.Context, sets: tuple[str, ...], data_dir: str, limit: int | None,
             floor_file: str | None, coder: str, fmt: str) -> None:
    """Score the extractor against public gold standards.

    SET is one of plover-gsr, petr2-gsr, petr-unit, petr-validate, multicoped-test, re3d,
    ours-test (our annotated test split) or zsp-plv (the learned coder's type given the gold
    pair) (default: all). Every figure is given on the full set and on the "clean" subset that
    leaves out sentences found among the CAMEO codebook's examples.

    \b
    Example:
      diplograph eval petr2-gsr multicoped-test --data ../shared/data
      diplograph eval ours-test zsp-plv --coder model
      diplograph eval --format markdown > accuracy.md
    """
    from diplograph.ingest.evaluate import (
        check_floor, reports_json, reports_markdown, reports_table, run_eval)
    from diplograph.ingest.gold import GOLD_SETS, PAIR_SETS

    known = [*GOLD_SETS, *PAIR_SETS]
    unknown = [name for name in sets if name not in known]
    if unknown:
        raise click.BadParameter(f"unknown gold set {unknown[0]!r}; choose from "
                                 f"{', '.join(sorted(known))}", param_hint="SET")
    reports = run_eval(sets or known, data_dir, limit=limit,
                       progress=not ctx.obj["quiet"], coder=coder)
    for report in reports:
        chosen = ("--coder", coder) if coder != "rules" else ()
        report.command = " ".join(("diplograph eval", *sets, *chosen))
    render_report = {"table": reports_table, "json": reports_json,
                     "markdown": reports_markdown}[fmt]
    click.echo(render_report(reports))
    if floor_file:
        with open(floor_file, encoding="utf-8") as handle:
            failures = check_floor(reports, json.load(handle))
        for failure in failures:
            click.echo(f"below floor: {failure}", err=True)
        if failures:
            ctx.exit(1)


def main() -> None:
    cli(prog_name="diplograph")


if __name__ == "__main__":
    main()
