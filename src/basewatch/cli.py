"""The `basewatch` command line: parses options, calls the core, hands rows to `output`."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated

import typer

from basewatch import __version__, htmlreport, output, pipeline, read, report
from basewatch.errors import BadInput, BasewatchError, ExitCode, UsageError
from basewatch.metadata import parse_partial_date
from basewatch.output import Format
from basewatch.settings import Settings
from basewatch.store import Store

# Plain help, as sqlite-utils and gh print it: flags without a type placeholder, -h beside --help.
CLI_SETTINGS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="basewatch",
    help="News triage from saved article text: clean pages, store them, compare what outlets claim.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CLI_SETTINGS,
)
db_app = typer.Typer(
    help="Where the database is and what it holds.", no_args_is_help=True, rich_markup_mode=None,
    context_settings=CLI_SETTINGS,
)  # fmt: skip
app.add_typer(db_app, name="db")

DEFAULT_DB = "basewatch.db"
DB_ENV = "BASEWATCH_DB"
DbOption = Annotated[
    Path,
    typer.Option(
        "--db", metavar="FILE", envvar=DB_ENV, help="SQLite database file (also before the command).", show_default=True
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help="table, json, jsonl or csv.")
]


def _date_option(value: str | None) -> str | None:
    """A date as the page would give it ("2026-06-01", "1 June 2026"), stored as ISO for comparison."""
    if value is None:
        return None
    parsed = value if value.isdigit() and len(value) == 4 else parse_partial_date(value)
    if not parsed:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)")
    return parsed


SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", metavar="DATE", callback=_date_option, help="Only articles published on/after (YYYY-MM-DD)."
    ),
]
StoryOption = Annotated[
    str | None,
    typer.Option("--story", metavar="ID", help="Only this story (id or id prefix; `basewatch stories` lists them)."),
]
SUMMARY_AFTER_INGEST_MAX_ARTICLES = 300
# Comparing claims costs about this much each (measured on a 2-core laptop-class machine); past the
# threshold the wait is long enough that the user should hear why, and how to narrow it.
COMPARE_SECONDS_PER_CLAIM = 0.00015
SLOW_COMPARE_CLAIMS = 40_000  # about 6 s


def _slow_note(narrowed_by: str) -> Callable[[int], None]:
    """What to say before a long comparison: how long, and which options narrow it."""

    def note(claims: int) -> None:
        if claims >= SLOW_COMPARE_CLAIMS:
            seconds = claims * COMPARE_SECONDS_PER_CLAIM
            wait = f"{round(seconds)} s" if seconds < 90 else f"{round(seconds / 60)} min"
            output.note(f"comparing {claims:,} claims (about {wait}); {narrowed_by} narrows it")

    return note


class OutletFrom(StrEnum):
    parent = "parent"


ARTICLE_COLUMNS = ["id", "outlet", "published", "title", "author", "path"]
OVERVIEW_STORIES = 10
STORY_COLUMNS = ["story", "first", "last", "articles", "independent_reports", "outlets", "title"]
CLUSTER_COLUMNS = ["cluster", "canonical", "size", "outlets", "title"]
REPORT_FILE = "basewatch-report.html"
# `summary` ranks every claim of an outlet; the report takes the whole ranking to pick the top unique ones.
REPORT_RANKED_CLAIMS = 1_000_000
CLAIM_COLUMNS = ["id", "outlet", "sources", "cue", "anonymous", "hedged", "direct_quote", "inherited", "text"]


def _settings(**overrides) -> Settings:
    """Settings for this run; BASEWATCH_BUSY_TIMEOUT_MS sets how long to wait for a locked database."""
    wait = os.environ.get("BASEWATCH_BUSY_TIMEOUT_MS", "")
    if wait.isdigit():
        overrides.setdefault("busy_timeout_ms", int(wait))
    return Settings(**overrides)


def _print_version(asked: bool) -> None:
    if asked:
        sys.stdout.write(f"basewatch {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global_options(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", metavar="FILE", envvar=DB_ENV, help="SQLite database file, for every command.", show_default=False
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """News triage from saved article text: clean pages, store them, compare what outlets claim."""
    if db is not None:
        # `basewatch --db X cmd` must mean what `basewatch cmd --db X` means: every command reads its
        # --db default from this variable, so setting it here serves commands added later too.
        os.environ[DB_ENV] = str(db)


def _say_if_nothing_matched(rows: list, what: str, **filters: object) -> None:
    """A filter that matches nothing is worth one line on stderr: an empty listing alone looks like
    an empty database, or a typo nobody noticed."""
    given = [f"--{name.replace('_', '-')} {value!r}" for name, value in filters.items() if value]
    if not rows and given:
        output.note(f"no {what} match {' '.join(given)}")


@contextmanager
def _reported() -> Iterator[None]:
    """Turn core errors into one line on stderr and the documented exit code."""
    try:
        yield
    except BasewatchError as exc:
        output.error(str(exc))
        raise typer.Exit(int(exc.exit_code)) from None


@app.command("clean", epilog="Example: basewatch clean page.txt --json | jq .title")
def clean_command(
    path: Annotated[str, typer.Argument(metavar="FILE", help="A text file, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object with metadata and removals.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Every input line with its verdict.")] = False,
    learned: Annotated[
        bool, typer.Option("--learned", help="Judge a text dump's lines by the line model, not the hand rules.")
    ] = False,
) -> None:
    """Print the article body of one page (no database)."""
    with _reported():
        document = read.read_source(read.Source(path), _settings().max_article_bytes)
        article, cleaned = pipeline.analyse(document, learned=learned)
    if explain:
        output.explain(cleaned)
    elif as_json:
        output.write_json(
            {
                "title": article.title,
                "author": article.author,
                "published": article.published,
                "outlet": article.outlet,
                "wire": article.wire,
                "url": article.url,
                "body": article.body,
                "removed": cleaned.removed,
            }
        )
    elif article.body:
        sys.stdout.write(output.safe_body(article.body) + "\n")
    else:
        output.note("no article text found (--explain shows why each line was dropped)")


@app.command("ingest", epilog="Example: basewatch ingest story/ --outlet 'Harbor Ledger'")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[
        str | None, typer.Option("--outlet", metavar="NAME", help="Outlet of every input (also of stored ones).")
    ] = None,
    outlet_from: Annotated[
        OutletFrom | None,
        typer.Option("--outlet-from", metavar="parent", help="Outlet of each file: its folder's name."),
    ] = None,
    glob: Annotated[
        str | None,
        typer.Option("--glob", metavar="PATTERN", help="File pattern inside folders (default: .txt, .html, .htm)."),
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Inputs are JSON Lines, one article per line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per input on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", metavar="BYTES", min=1, help="Size cap per article.")
    ] = 20_000_000,
) -> None:
    """Read, clean and store articles; re-ingesting the same text changes nothing."""
    settings = _settings(max_article_bytes=max_bytes)
    if outlet and outlet_from:
        output.error("give --outlet or --outlet-from, not both")
        raise typer.Exit(int(ExitCode.USAGE))
    outlet_choice = read.parent_folder_name if outlet_from is OutletFrom.parent else outlet
    skipped: Counter[str] = Counter()
    with _reported():
        inputs = _inputs(paths, glob, jsonl, settings, skipped)
        refused, first = _up_to_first_readable(inputs)
        if first is None and not refused:
            wanted = f"matches --glob {glob!r}" if glob else "is " + "/".join(read.ARTICLE_EXTENSIONS)
            raise BadInput(", ".join(paths), f"no file here {wanted}: nothing to ingest")
        reporter = output.IngestReporter(as_json=as_json, quiet=quiet)
        if first is None:  # nothing readable: say why per input, and create no database for it
            outcomes = [pipeline.refused(item) for item in refused]
            for outcome in outcomes:
                reporter.record(outcome)
            reporter.finish()
            raise typer.Exit(int(ExitCode.ERROR))
        with Store.open(db, settings=settings) as store:
            try:
                outcomes = pipeline.ingest(
                    store,
                    chain(refused, [first], inputs),
                    outlet=outlet_choice,
                    on_outcome=reporter.record,
                    settings=settings,
                )
            except KeyboardInterrupt:
                reporter.finish(interrupted=True)
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
            reporter.finish()
            if skipped and not quiet:
                output.note(_skipped_note(skipped, glob))
            if not (quiet or as_json) and output.stdout_is_terminal():
                _print_touched_summary(store, outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    if outcomes and failed == len(outcomes):
        raise typer.Exit(int(ExitCode.ERROR))
    if failed:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _print_touched_summary(store: Store, outcomes: list) -> None:
    """The design promise: ingest ends by showing what each outlet it touched claims.

    After a bulk load the summary of everything would take minutes; then it names the command.
    """
    touched = {o.id for o in outcomes if o.id and o.status != "failed"}
    if len(touched) > SUMMARY_AFTER_INGEST_MAX_ARTICLES:
        output.note(f"{len(touched):,} articles: `basewatch summary` and `basewatch diff --since ...` compare them")
        return
    rows = [row for row in report.summary(store, top=5) if any(a["id"] in touched for a in row["articles"])]
    output.summary_tree(rows)


def _skipped_note(skipped: Counter[str], glob: str | None) -> str:
    kinds = ", ".join(f"{n} {ext or 'without extension'}" for ext, n in sorted(skipped.items(), key=lambda x: -x[1]))
    wanted = f"not matching --glob {glob}" if glob else "not " + "/".join(read.ARTICLE_EXTENSIONS)
    return f"skipped {sum(skipped.values())} file(s) in folders, {wanted}: {kinds}"


def _up_to_first_readable(inputs: Iterator) -> tuple[list[BadInput], object | None]:
    """The inputs refused before the first that can be read, and that one (None if there is none)."""
    refused = []
    for item in inputs:
        if not isinstance(item, BadInput):
            return refused, item
        refused.append(item)
    return refused, None


def _inputs(paths: list[str], glob: str | None, jsonl: bool, settings: Settings, skipped: Counter[str]):
    if paths.count(read.STDIN) > 1:
        raise UsageError("stdin (-) can be given only once")
    sources = read.discover(paths, glob, skipped)

    def lines_of(source: read.Source | BadInput) -> bool:  # a file named .jsonl is what it says
        return isinstance(source, read.Source) and (jsonl or source.path.lower().endswith(".jsonl"))

    max_bytes = settings.max_article_bytes
    return (
        item
        for source in sources
        for item in (read.read_jsonl(source, max_bytes) if lines_of(source) else pipeline.documents([source], settings))
    )


@app.command("articles", epilog="Example: basewatch articles --outlet Reuters --format csv")
def articles_command(
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Only this outlet.")] = None,
    since: SinceOption = None,
    story: StoryOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List stored articles."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        story_id = None if story is None else store.resolve_story(story)
        rows = [a.summary_dict() for a in store.articles(outlet=outlet, since=since, story=story_id)]
    _say_if_nothing_matched(rows, "articles", outlet=outlet, since=since)
    output.emit(rows, fmt, ARTICLE_COLUMNS)


@app.command("show", epilog="Example: basewatch show 3f9a2c --removed")
def show_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id, id prefix or external id.")],
    db: DbOption = Path(DEFAULT_DB),
    removed: Annotated[bool, typer.Option("--removed", help="Also list stripped lines and why.")] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Show one article: metadata, clean body and, with --removed, what was stripped."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        article = store.article(article_id)
        record = article.to_dict()
        record["story"] = store.story_of(article.id)
        record["copies"] = report.copies(store, article.id)
        record["edits"] = store.edits(article.id)
        if removed:
            record["removed"] = store.removed_lines(article.id)
    output.show_article(record, fmt)


@app.command("clusters", epilog="Example: basewatch clusters --min-size 2 --format json | jq '.[0].outlets'")
def clusters_command(
    db: DbOption = Path(DEFAULT_DB),
    min_size: Annotated[
        int, typer.Option("--min-size", metavar="N", min=1, help="Only clusters with this many articles.")
    ] = 1,
    story: StoryOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Syndication clusters: each text once, with its copies and why they were merged.

    --format jsonl prints one line per article: {article, external_id, path, cluster, canonical}.
    """
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        records = report.clusters(store, min_size=min_size, story=story)
    _say_if_nothing_matched(records, "clusters", min_size=min_size if min_size > 1 else None)
    if fmt is Format.jsonl:
        output.write_jsonl(report.membership(records))
    elif fmt is Format.table:
        output.cluster_table(records)
    else:
        output.emit(records, fmt, CLUSTER_COLUMNS)


@app.command("stories", epilog="Example: basewatch stories --min-size 3 --since 2026-03-01")
def stories_command(
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    min_size: Annotated[
        int, typer.Option("--min-size", metavar="N", min=1, help="Only stories with this many articles.")
    ] = 1,
    outlet: Annotated[
        str | None, typer.Option("--outlet", metavar="NAME", help="Only stories this outlet covers.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Stories: the articles that report one event, newest first, with their outlets.

    --format jsonl prints one line per article: {article, external_id, path, story, cluster}.
    """
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        records = report.stories(store, since=since, min_size=min_size, outlet=outlet)
    if fmt is Format.jsonl:
        output.write_jsonl(report.story_membership(records))
    elif fmt is Format.table:
        output.story_table(records)
    else:
        output.emit(records, fmt, STORY_COLUMNS)


@app.command("recluster", epilog="Example: basewatch recluster")
def recluster_command(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Rebuild every cluster and story from the stored bodies (after a threshold change), in one transaction."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        count = pipeline.recluster(store, _settings())
        clusters = len(report.clusters(store))
        stories = store.story_count()
    output.note(f"reclustered {count} articles into {clusters} clusters and {stories} stories")


@app.command("edit", epilog="Example: basewatch edit 3f9a2c --outlet 'The Midland Courier'")
def edit_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id, id prefix or external id.")],
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Set the outlet.")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Set the title.")] = None,
    author: Annotated[str | None, typer.Option("--author", metavar="NAME", help="Set the byline.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", metavar="DATE", callback=_date_option, help="Set the date.")
    ] = None,
) -> None:
    """Correct what ingest read from a page; claims follow, and `show` says what was set by hand."""
    changes = {k: v for k, v in {"outlet": outlet, "title": title, "author": author, "published": published}.items()
               if v is not None}  # fmt: skip
    if not changes:
        output.error("nothing to change: give --outlet, --title, --author or --published")
        raise typer.Exit(int(ExitCode.USAGE))
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        article = pipeline.edit(store, article_id, changes)
    output.note(f"{article.id[7:19]}: " + ", ".join(f"{k} set to {v!r}" for k, v in changes.items()))


@app.command("rm", epilog="Example: basewatch rm 3f9a2c 94e985")
def rm_command(
    article_ids: Annotated[
        list[str], typer.Argument(metavar="ID...", help="Article ids, id prefixes or external ids.")
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Remove articles and all that was derived from them, in one transaction (all or none)."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        removed = pipeline.remove(store, article_ids)
    for article in removed:
        output.note(f"removed {article.id[7:19]}  {article.outlet or '—'}  {article.title or article.path}")


@app.command("claims", epilog="Example: basewatch claims --anonymous --format json | jq '.[].sources'")
def claims_command(
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Only this outlet's claims.")] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="NAME", help="Only claims with this source in the chain.")
    ] = None,
    anonymous: Annotated[bool, typer.Option("--anonymous", help="Only claims resting on unnamed sources.")] = False,
    hedged: Annotated[bool, typer.Option("--hedged", help="Only hedged claims (reportedly, may, ...).")] = False,
    story: StoryOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Every claim with its attribution chain, cue, and anonymous/hedged/quote flags."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        rows = report.claims(store, outlet=outlet, source=source, anonymous=anonymous, hedged=hedged, story=story)
    _say_if_nothing_matched(rows, "claims", outlet=outlet, source=source, anonymous=anonymous, hedged=hedged)
    if fmt is Format.table:
        output.claims_table(rows)
    else:
        output.emit(rows, fmt, CLAIM_COLUMNS)


@app.command("summary", epilog="Example: basewatch summary --outlet 'Northgate Today'")
def summary_command(
    db: DbOption = Path(DEFAULT_DB),
    outlet: Annotated[str | None, typer.Option("--outlet", metavar="NAME", help="Only this outlet.")] = None,
    top: Annotated[
        int | None,
        typer.Option("--top", metavar="N", min=1, help="Claims shown per outlet (8); stories in the overview (10)."),
    ] = None,
    since: SinceOption = None,
    story: StoryOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What each outlet claims in one story (most important first) and whom it relies on.

    Without --story or --outlet, on a database of several stories: an overview of the latest stories.
    """
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        if story is None and outlet is None and store.story_count() > 1:
            _emit_overview(report.overview(store, top=top or OVERVIEW_STORIES, since=since), fmt)
            return
        note = _slow_note("--story ID or --since DATE")
        rows = report.summary(store, outlet=outlet, top=top or 8, since=since, on_scope=note, story=story)
    _say_if_nothing_matched(rows, "articles", outlet=outlet, since=since)
    if fmt is Format.table:
        output.summary_tree(rows)
    else:
        output.emit(output.summary_rows(rows) if fmt is Format.csv else rows, fmt, output.SUMMARY_CSV_COLUMNS)


@app.command("diff", epilog="Example: basewatch diff --outlet Bloomberg --outlet RT --format json")
def diff_command(
    db: DbOption = Path(DEFAULT_DB),
    outlets: Annotated[
        list[str] | None, typer.Option("--outlet", metavar="NAME", help="Compare only these outlets (repeatable).")
    ] = None,
    since: SinceOption = None,
    aliases_file: Annotated[
        Path | None, typer.Option("--aliases", metavar="FILE", help="aliases.toml (default: next to the database).")
    ] = None,
    story: StoryOption = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, help="Stories in the overview.")] = OVERVIEW_STORIES,
    fmt: FormatOption = Format.table,
) -> None:
    """Within one story: claims outlets share (with independent roots), claims only one makes,
    conflicts, name variants.

    Without --story, on a database of several stories: the latest stories, each diffed on its own.
    """
    if aliases_file is not None and not aliases_file.is_file():
        output.error(f"--aliases {aliases_file}: no such file")
        raise typer.Exit(int(ExitCode.USAGE))
    aliases_path = aliases_file or Path(db).resolve().parent / "aliases.toml"
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        if story is None and store.story_count() > 1:
            result = report.overview(store, top=top, since=since, outlets=outlets, aliases_path=aliases_path)
            _emit_overview(result, fmt)
            return
        result = report.diff(
            store,
            outlets=outlets,
            since=since,
            aliases_path=aliases_path,
            on_scope=_slow_note("--story ID, --since DATE or --outlet NAME"),
            story=story,
        )
    unnamed = [o["outlet"] for o in result["outlets"] if not o["known"] and o["claims"]]
    if unnamed:
        output.note(
            f"{len(unnamed)} article(s) name no outlet and are compared under their file name "
            f"({', '.join(unnamed[:3])}{', …' if len(unnamed) > 3 else ''}): "
            "set one with `basewatch edit ID --outlet NAME` or `ingest --outlet NAME`"
        )
    found = {o["outlet"].lower() for o in result["outlets"] if o["claims"]}
    for name in outlets or []:
        _say_if_nothing_matched([] if name.lower() not in found else [name], "claims", outlet=name)
    if fmt is Format.table:
        output.diff_view(result)
    elif fmt is Format.json:
        output.write_json(result)
    else:
        output.emit(output.diff_rows(result), fmt, ["section", "outlet", "claim", "detail"])


def _emit_overview(result: dict, fmt: Format) -> None:
    if fmt is Format.table:
        output.overview_view(result)
    elif fmt is Format.json:
        output.write_json(result)
    else:
        output.emit(output.overview_rows(result), fmt, ["story", "section", "outlet", "claim", "detail"])


@app.command("report", epilog="Example: basewatch report -o story.html")
def report_command(
    db: DbOption = Path(DEFAULT_DB),
    out: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="HTML file to write, or - for stdout.")
    ] = REPORT_FILE,
    story: StoryOption = None,
    top: Annotated[int, typer.Option("--top", metavar="N", min=1, help="Stories on the page.")] = OVERVIEW_STORIES,
) -> None:
    """Stories on one self-contained HTML page: claims x outlets, conflicts, timeline, provenance.

    Without --story, the --top (10) stories most recently updated, each on its own.
    """
    aliases_path = Path(db).resolve().parent / "aliases.toml"
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        # a database from before stories (until `basewatch recluster`) is one page, as it was
        chosen = [store.resolve_story(story)] if story else store.recent_stories(top) or [None]
        stories = [_report_story(store, story_id, aliases_path) for story_id in chosen]
    stories = [s for s in stories if s is not None]
    page = htmlreport.page(stories, database=str(db), command=f"basewatch report --db {db}")
    if out == read.STDIN:
        sys.stdout.write(page)
        return
    with _reported():
        _write_file(Path(out), page)
    output.note(f"wrote {out}")


def _report_story(store: Store, story: str | None, aliases_path: Path) -> dict | None:
    data = output.sanitised(
        {
            "diff": report.diff(store, aliases_path=aliases_path, on_scope=_slow_note("--story ID"), story=story),
            "summary": report.summary(store, top=REPORT_RANKED_CLAIMS, story=story),
            "clusters": report.clusters(store, story=story),
        }
    )
    return htmlreport.story(**data) if data["summary"] else None


def _write_file(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BasewatchError(f"{path}: cannot write ({exc.strerror or exc})") from None


@db_app.command("path")
def db_path_command(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Print the database path basewatch would use."""
    sys.stdout.write(str(Path(db).resolve()) + "\n")


@db_app.command("status")
def db_status_command(db: DbOption = Path(DEFAULT_DB), fmt: FormatOption = Format.table) -> None:
    """Schema version, migrations and counts."""
    with _reported(), Store.open(db, create=False, settings=_settings()) as store:
        status = store.status()
    if fmt is Format.table:
        output.emit([{"key": k, "value": v} for k, v in status.items()], fmt, ["key", "value"])
    else:
        output.write_json(status)


def main() -> None:
    try:
        app(prog_name="basewatch")
    except KeyboardInterrupt:
        output.note("Interrupted.")
        sys.exit(int(ExitCode.INTERRUPTED))
    except BrokenPipeError:
        # `basewatch ... | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
