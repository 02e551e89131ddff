"""Everything basewatch writes: data to stdout (table/json/jsonl/csv), messages to stderr.

Article text is untrusted: terminal control sequences are stripped from anything printed for
people, rich markup in it is printed literally, and JSON is written with json.dumps, never rich.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum, StrEnum
from functools import wraps

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from basewatch.controls import without_controls


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


ID_COLUMNS = frozenset(["id", "article", "canonical", "cluster"])

stderr = Console(stderr=True, highlight=False)


def safe(text: object) -> str:
    """Printable form of untrusted text: control and escape sequences removed."""
    return without_controls("" if text is None else str(text))


def sanitised(value: object) -> object:
    """`value` with every string in it, at any depth, made safe: what every format writes."""
    if isinstance(value, Enum):  # formats and other options: ours, not the article's
        return value
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, dict):
        return {safe(k) if isinstance(k, str) else k: sanitised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sanitised(v) for v in value]
    if isinstance(value, Iterator):  # row by row: a listing may be a generator too long to hold
        return (sanitised(v) for v in value)
    return value


def untrusted(render: Callable) -> Callable:
    """Every writer of records takes them through `sanitised` first, whatever the format."""

    @wraps(render)
    def wrapper(*args, **kwargs):
        return render(*(sanitised(a) for a in args), **kwargs)

    return wrapper


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _write_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _write_jsonl(rows: Iterable[dict]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


write_json = untrusted(_write_json)
write_jsonl = untrusted(_write_jsonl)


@untrusted
def emit(rows: Iterable[dict], fmt: Format, columns: Sequence[str], title: str | None = None) -> None:
    """Write `rows` in `fmt`; `columns` chooses and orders the table and csv columns."""
    if fmt is Format.json:  # the rows are sanitised already
        _write_json(list(rows))
    elif fmt is Format.jsonl:
        _write_jsonl(rows)
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(row.get(k)) for k in columns})
    else:
        cells = [[safe(_cell(row.get(c), c)) for c in columns] for row in rows]
        stdout_console().print(_table(columns, cells, title=title))


# The column people read gets the room; the others share what is left, so a claim takes a few lines.
PROSE_COLUMNS = frozenset(["text", "title", "claim"])
PROSE_SHARE = 0.55
MIN_PROSE = 20
MIN_NARROW = 3


def _table(columns: Sequence[str], cells: list[list[str]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    widths = _widths(columns, cells, stdout_console().width)
    for column, width in zip(columns, widths, strict=True):
        unbroken = column in ID_COLUMNS or column == "published"  # looked up and copied whole
        table.add_column(column, overflow="fold", no_wrap=unbroken, width=width)
    for row in cells:
        table.add_row(*map(Text, row))
    return table


def _widths(columns: Sequence[str], cells: list[list[str]], width: int) -> list[int | None]:
    """Column widths for a table with a prose column: ids and dates whole, the other short columns
    capped, the prose column(s) the rest. Without a prose column rich's own sharing is fine."""
    prose = [i for i, c in enumerate(columns) if c in PROSE_COLUMNS]
    if not prose:
        return [None] * len(columns)
    natural = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    room = width - 3 * len(columns) - 1  # borders and padding
    whole = [i for i, c in enumerate(columns) if c in ID_COLUMNS or c == "published"]
    narrow = [i for i in range(len(columns)) if i not in prose and i not in whole]
    left = room - sum(natural[i] for i in whole)
    prose_target = max(int(left * PROSE_SHARE), min(left, MIN_PROSE))
    cap = max(MIN_NARROW, (left - prose_target) // max(1, len(narrow)))
    widths: list[int | None] = list(natural)
    for i in narrow:
        widths[i] = min(natural[i], cap)
    rest = max(MIN_NARROW, left - sum(widths[i] for i in narrow))
    for i in prose:
        widths[i] = min(natural[i], rest // len(prose)) if len(prose) > 1 else rest
    return widths


def _cell(value: object, column: str = "") -> str:
    if value is None:
        return "—"
    if column in ID_COLUMNS and isinstance(value, str) and value.startswith("sha256:"):
        return value[7:19]  # short form for people; every command accepts an id prefix
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _csv_value(value: object) -> object:
    """A cell a spreadsheet takes: lists joined with "; ", booleans as true/false, nothing as empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(_csv_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


SUMMARY_CSV_COLUMNS = ["outlet", "claim_count", "anonymous_share", "relies_on", "claim", "sources", "cue",
                       "anonymous", "hedged", "inherited", "corroborated_by"]  # fmt: skip


def summary_rows(rows: list[dict]) -> list[dict]:
    """The summary flattened for csv: a row per claim, with its outlet's figures on each."""
    flat = []
    for row in rows:
        outlet = {
            "outlet": row["outlet"],
            "claim_count": row["claim_count"],
            "anonymous_share": round(row["anonymous_share"], 3),
            "relies_on": [f"{r['source']} ({r['claims']})" for r in row["relies_on"]],
        }
        flat += [{**outlet, **claim, "claim": claim["text"]} for claim in row["claims"]] or [outlet]
    return flat


def error(message: str) -> None:
    stderr.print(Text("Error: " + safe(message).replace("\n", " ")), style="red")


def note(message: str) -> None:
    stderr.print(Text(safe(message)))


def safe_body(text: str) -> str:
    return "\n".join(safe(line) for line in text.split("\n"))


def explain(cleaned) -> None:
    """Every input line with its verdict and reason, for people."""
    console = stdout_console()
    for verdict in cleaned.verdicts:
        if not verdict.text.strip():
            continue
        mark = Text("KEEP " if verdict.kept else "drop ", style="green" if verdict.kept else "red")
        line = Text(f"{verdict.line:5d} ", style="dim")
        reason = Text(f"{verdict.reason:<34.34} ", style="cyan" if verdict.kept else "yellow")
        console.print(
            Text.assemble(line, mark, reason, Text(safe(verdict.text.strip()))),
            overflow="ellipsis",
            no_wrap=True,
        )


@untrusted
def show_article(record: dict, fmt: Format) -> None:
    if fmt in (Format.json, Format.jsonl):
        if fmt is Format.json:
            _write_json(record)
        else:
            _write_jsonl([record])
        return
    if fmt is Format.csv:
        emit([record], fmt, [k for k in record if k not in ("removed", "edits")])
        return
    console = stdout_console()
    by_hand = {edit["field"]: edit["edited_utc"] for edit in record.get("edits", [])}
    for key in ("id", "title", "outlet", "author", "published", "path", "external_id", "url", "cluster", "story"):
        if record.get(key) is not None:
            note = Text(f"  ({key} set by hand {by_hand[key]})", style="dim") if key in by_hand else Text()
            console.print(Text.assemble(Text(f"{key:>11}: ", style="bold"), Text(safe(record[key])), note))
    console.print()
    for paragraph in record["body"].split("\n\n"):
        console.print(Text(safe(paragraph)))
        console.print()
    if record.get("copies"):
        emit(record["copies"], Format.table, ["article", "outlet", "published", "title"], title="Copies")
    if "removed" in record:
        emit(record["removed"], Format.table, ["line", "reason", "text"], title="Removed lines")


class IngestReporter:
    """Per-input feedback during ingest: JSON lines, or a progress line and errors on stderr."""

    def __init__(self, as_json: bool, quiet: bool):
        self.as_json = as_json
        self.quiet = quiet
        self.counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0}
        self.progress = None
        if not as_json and not quiet and stderr.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingesting", total=None)

    def record(self, outcome) -> None:
        self.counts[outcome.status] += 1
        if self.as_json:
            sys.stdout.write(json.dumps(sanitised(outcome.to_dict()), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif outcome.status == "failed":
            error(f"{outcome.path}: {outcome.error}")
        if self.progress is not None:
            done = sum(self.counts.values())
            self.progress.update(self.task, description=f"ingesting: {done} read, {self.counts['added']} added")

    def finish(self, interrupted: bool = False) -> None:
        if self.progress is not None:
            self.progress.stop()
        c = self.counts
        updated = f"{c['updated']} updated, " if c["updated"] else ""
        summary = f"{c['added']} added, {updated}{c['unchanged']} unchanged, {c['failed']} failed"
        if interrupted:
            note(f"Interrupted: {summary}; everything listed as added is stored completely.")
        elif not self.quiet and not self.as_json:
            note(summary)


@untrusted
def cluster_table(records: list[dict]) -> None:
    """Each cluster as a titled block: members with outlet, and the merge evidence."""
    console = stdout_console()
    if not records:
        console.print(Text("no clusters"))
        return
    for record in records:
        head = f"{record['cluster'][7:19]}  {record['size']} article(s)  {', '.join(record['outlets']) or '—'}"
        console.print(Text(safe(head), style="bold"))
        for member in record["members"]:
            mark = "★" if member["article"] == record["canonical"] else " "
            label = member["title"] or member["path"].rsplit("/", 1)[-1]  # a title, or the file's name
            line = f" {mark} {member['article'][7:19]}  {member['outlet'] or '—'}  {label}"
            console.print(Text(safe(line)), no_wrap=True, overflow="ellipsis")  # one line a member
        for ev in record["evidence"]:
            why = (
                f"   ↳ {ev['article'][7:19]} ~ {ev['matched'][7:19]}: "
                f"{ev['containment_pct']:.0f}% contained, "
                f"openings {ev['lead_match_pct']:.0f}% alike, {ev['shared_shingles']} shared 5-word spans"
            )
            console.print(Text(why, style="dim"))


def _span(first: str | None, last: str | None) -> str:
    """A story's dates as days: one stamped to the minute and one to the day read alike."""
    days = dict.fromkeys(d[:10] for d in (first, last) if d)
    return " … ".join(days) or "undated"


def _chain(sources: list[str]) -> str:
    return " › ".join(safe(s) for s in sources) or "—"


def _flags(claim: dict) -> str:
    marks = [("anonymous", "anon"), ("hedged", "hedged"), ("direct_quote", "quote"), ("inherited", "inherited")]
    return " ".join(label for key, label in marks if claim.get(key))


@untrusted
def claims_table(rows: list[dict]) -> None:
    cells = [
        [row["id"][7:19] + row["id"][row["id"].index("#") :], safe(row["outlet"] or "—"), _chain(row["sources"]),
         safe(row["cue"] or "—"), _flags(row), safe(row["text"])]
        for row in rows
    ]  # fmt: skip
    table = _table(["id", "outlet", "source chain", "cue", "flags", "text"], cells)
    table.columns[0].header = "claim"
    stdout_console().print(table)


@untrusted
def summary_tree(rows: list[dict]) -> None:
    """Per outlet: articles, top claims with their chains, and whom it relies on."""
    from rich.tree import Tree

    console = stdout_console()
    if not rows:
        console.print(Text("no articles"))
        return
    for row in rows:
        label = safe(row["outlet"]) + ("" if row["known"] else "  (outlet unknown: file name)")
        tree = Tree(Text(label, style="bold"))
        for article in row["articles"]:
            retold = f"  — retells {safe(article['retelling_of'])}" if article["retelling_of"] else ""
            when = f" ({article['retelling_date']})" if article["retelling_date"] and retold else ""
            tree.add(Text(f"{safe(article['title'] or article['id'][7:19])}{retold}{when}", style="cyan"))
        claims = tree.add(Text(f"claims ({row['claim_count']}, {row['anonymous_share']:.0%} anonymous)"))
        for claim in row["claims"]:
            extra = f"  [+{claim['corroborated_by']} independent]" if claim["corroborated_by"] else ""
            node = claims.add(Text(safe(claim["text"]) + extra))
            node.add(
                Text("← " + _chain(claim["sources"]) + (f"  ({_flags(claim)})" if _flags(claim) else ""), style="dim")
            )
        relies = ", ".join(f"{safe(r['source'])} {r['claims']}" for r in row["relies_on"][:6])
        tree.add(Text("relies on: " + relies, style="magenta"))
        console.print(tree)


@untrusted
def diff_rows(result: dict) -> list[dict]:
    """The diff flattened to one row per item, for jsonl and csv."""
    rows = [
        {"section": "shared", "outlet": ", ".join(s["outlets"]), "claim": s["claim"],
         "detail": f"{s['independent_sources']} independent source(s)"}
        for s in result["shared"]
    ]  # fmt: skip
    rows += [{"section": "unique", "outlet": u["outlet"], "claim": u["claim"], "detail": _chain(u["sources"])}
             for u in result["unique"]]  # fmt: skip
    rows += [
        {"section": "conflict", "outlet": " vs ".join(x["outlet"] for x in c["sides"]),
         "claim": " ⟷ ".join(x["text"] for x in c["sides"]), "detail": c["reason"]}
        for c in result["conflicts"]
    ]  # fmt: skip
    rows += [{"section": "alias", "outlet": "", "claim": a["canonical"], "detail": ", ".join(a["variants"])}
             for a in result["aliases"]]  # fmt: skip
    return rows


@untrusted
def diff_view(result: dict) -> None:
    console = stdout_console()
    outlets = ", ".join(safe(o["outlet"]) + ("" if o["known"] else " (unknown outlet)") for o in result["outlets"])
    console.print(Text(f"Outlets: {outlets}", style="bold"))
    if result["shared"]:
        console.rule("Shared claims")
    for item in result["shared"]:
        console.print(Text(safe(item["claim"])))
        carried = f"carried by {', '.join(item['outlets'])} — {item['independent_sources']} independent source(s)"
        console.print(_indented(carried, style="green"))
    if result["unique"]:
        console.rule("Only one outlet")
    for outlet in result["outlets"]:
        mine = [u for u in result["unique"] if u["outlet"] == outlet["outlet"]]
        if mine:
            console.print(Text(f"{safe(outlet['outlet'])} ({len(mine)})", style="bold"))
            for item in mine[:8]:
                console.print(_indented(f"• {safe(item['claim'])}  ← {_chain(item['sources'])}"))
            if len(mine) > 8:
                console.print(_indented(f"… {len(mine) - 8} more (--format json for all)", style="dim"))
    if result["conflicts"]:
        console.rule("Conflicts")
    for conflict in result["conflicts"]:
        values = " versus ".join(safe(v) for v in conflict["values"])
        head = f"{conflict['type']}, {conflict['strength']} — {safe(conflict['slot'])}: {values}"
        console.print(Text(f"{head}  [{safe(conflict['topic'])}]", style="red"))
        for side in conflict["sides"]:
            dated = f" ({safe(side['published'][:10])})" if side["published"] else ""
            line = f"{safe(side['outlet'])}{dated}: {safe(side['text'])}  ← {_chain(side['sources'])}"
            console.print(_indented(line))
    if result["aliases"]:
        console.rule("Name variants folded")
    for alias in result["aliases"]:
        variants = ", ".join(map(safe, alias["variants"]))
        console.print(Text(f"{safe(alias['canonical'])} = {variants}  ({alias['reason']})"))


@untrusted
def story_table(records: list[dict]) -> None:
    """Each story as a titled block: label, dates, counts, outlets, and its canonical headline."""
    console = stdout_console()
    if not records:
        console.print(Text("no stories"))
        return
    for record in records:
        dates = _span(record["first"], record["last"])
        head = f"{record['story'][7:19]}  {' · '.join(record['label']) or '—'}  ({dates})"
        console.print(Text(safe(head), style="bold"))
        counts = (
            f"   {record['articles']} article(s), {record['independent_reports']} independent report(s), "
            f"{record['syndicated_clusters']} syndicated cluster(s): {', '.join(record['outlets']) or '—'}"
        )
        console.print(Text(safe(counts)))
        console.print(Text(safe(f"   ★ {record['title'] or '—'}"), style="cyan"))


@untrusted
def overview_view(result: dict) -> None:
    """The latest stories, each with its outlets, top shared claims and conflicts, for people."""
    console = stdout_console()
    shown, total = len(result["stories"]), result["total_stories"]
    console.print(Text(f"{shown} of {total} stories, most recently updated first", style="bold"))
    for story in result["stories"]:
        dates = _span(story["first"], story["last"])
        console.rule(Text(safe(f"{story['story'][7:19]}  {story['title'] or '—'}"), style="bold"))
        console.print(Text(safe(f"{' · '.join(story['label'])}  ({dates}), {story['articles']} article(s)")))
        console.print(Text(safe("Outlets: " + (", ".join(story["outlets"]) or "—")), style="bold"))
        for item in story["shared"]:
            console.print(Text(f" = {safe(item['claim'])}"))
            console.print(
                Text(f"   carried by {safe(', '.join(item['outlets']))} — {item['independent_sources']} independent "
                     "source(s)", style="green")
            )  # fmt: skip
        if story["more_shared"]:
            console.print(Text(f"   … {story['more_shared']} more shared claim(s)", style="dim"))
        for conflict in story["conflicts"]:
            sides = " / ".join(safe(side["outlet"]) for side in conflict["sides"])
            console.print(Text(f" ≠ {safe(conflict['reason'])}  ({sides})", style="red"))
        if story["more_conflicts"]:
            console.print(Text(f"   … {story['more_conflicts']} more conflict(s)", style="dim"))
    console.print(
        Text("Open one story: basewatch diff --story ID (or summary --story ID); basewatch stories lists them all.",
             style="dim")
    )  # fmt: skip


@untrusted
def overview_rows(result: dict) -> list[dict]:
    """The overview flattened to one row per shared claim or conflict, for jsonl and csv."""
    rows = []
    for story in result["stories"]:
        rows += [
            {"story": story["story"], "section": "shared", "outlet": ", ".join(s["outlets"]), "claim": s["claim"],
             "detail": f"{s['independent_sources']} independent source(s)"}
            for s in story["shared"]
        ]  # fmt: skip
        rows += [
            {"story": story["story"], "section": "conflict", "outlet": " vs ".join(x["outlet"] for x in c["sides"]),
             "claim": " ⟷ ".join(x["text"] for x in c["sides"]), "detail": c["reason"]}
            for c in story["conflicts"]
        ]  # fmt: skip
    return rows


def _indented(text: str, depth: int = 3, style: str = "") -> Padding:
    """A line whose continuation lines keep its indent when the terminal wraps it."""
    return Padding(Text(text, style=style), (0, 0, 0, depth), expand=False)
