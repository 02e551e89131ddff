"""basewatch benchmarks, side by side with the peers on the same generated data, into BENCHMARKS.md.

    python bench/run.py --n 10000 --n 100000            # ingest, clean, queries (and peers)
    python bench/run.py --dedupe 10000 --dedupe 200000  # the dedupe step alone vs datasketch MinHashLSH
    python bench/run.py --n 10000 --repeat 3 --out BENCHMARKS.md
    python bench/run.py --story 20                      # `diff` over one 20-article story, warm
    python bench/run.py --feed 10000 --feed 100000      # a wire feed: each story on 50-200 sites

Every measurement runs in its own process (bench/stage.py) so peak memory is its own; timed
numbers are the median of --repeat runs. Needs the bench extras: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import FEED_COPIES, FEED_SITES, Generator, articles, write  # noqa: E402

from basewatch.settings import Settings  # noqa: E402


def run_stamp() -> dict:
    """When and on what code a figure was measured: each row of BENCHMARKS.md carries its own."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return {"date": date.today().isoformat(), "commit": commit + ("+changes" if dirty else "")}


def stage(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "stage.py"), *args], capture_output=True, text=True, check=True, timeout=7200
    )
    return json.loads(out.stdout)


def median_of(repeat: int, *args: str) -> dict:
    runs = [stage(*args) for _ in range(repeat)]
    best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    return {**best, "all_seconds": [round(r["seconds"], 2) for r in runs]}


def ari(gold: dict[str, str], pred: dict[str, str]) -> float:
    """Adjusted Rand index over the ids in gold (missing predictions are singletons)."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    cells = Counter((gold[i], pred.get(i, "\0" + i)) for i in gold)
    rows = Counter(gold.values())
    cols = Counter(pred.get(i, "\0" + i) for i in gold)
    both = sum(pairs(v) for v in cells.values())
    a, b, total = sum(pairs(v) for v in rows.values()), sum(pairs(v) for v in cols.values()), pairs(len(gold))
    expected = a * b / total if total else 0
    top = (a + b) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)


def gold_of(n: int, seed: int) -> dict[str, str]:
    return {a.id: a.cluster for a in Generator(seed).articles(n)}


# The whole database, then one day of news out of the generator's 168 days.
QUERIES = ("clusters", "summary", "diff", "summary --since 2026-06-28", "diff --since 2026-06-28", "stories")
# ...and one story, the largest (its size is in the table)
STORY_QUERIES = ("diff --story", "summary --story")


def ingest_section(n: int, seed: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write(Generator(seed).articles(n), out=folder)
        rows = [json.loads(line) for line in (folder / "gold.jsonl").open()]
        gold = {r["id"]: r["cluster"] for r in rows}
        story_gold = {r["id"]: r["story"] for r in rows}
        result = {"n": n, "run": run_stamp(), "floor": median_of(repeat, "floor", str(folder))}
        runs = []
        for attempt in range(repeat):
            db = Path(tmp) / f"bench-{attempt}.db"
            runs.append(stage("ingest", str(folder), str(db)))
        runs.sort(key=lambda r: r["seconds"])
        chosen = runs[len(runs) // 2]
        result["ingest"] = {k: v for k, v in chosen.items() if k not in ("pred", "story_pred")}
        result["ingest"]["all_seconds"] = [round(r["seconds"], 2) for r in runs]
        result["ingest"]["ari"] = ari(gold, chosen["pred"])
        result["ingest"]["story_ari"] = ari(story_gold, chosen["story_pred"])
        db = str(Path(tmp) / "bench-0.db")
        warm_page_cache(db)
        result["queries"] = {q: stage("query", db, q) for q in QUERIES}
        largest = chosen["largest_story"]["story"]
        for command in ("diff", "summary"):
            result["queries"][f"{command} --story"] = stage("query", db, f"{command} --story {largest}")
        result["clean"] = median_of(repeat, "clean", str(folder))
        result["clean_learned"] = median_of(repeat, "clean_learned", str(folder))
        result["justext"] = median_of(repeat, "justext", str(folder))
    return result


def feed_section(n: int, seed: int) -> dict:
    """A wire feed: ingest speed and clustering against the gold, then the largest story's `diff`
    (each wire story carries one planted disagreement, which should be listed once)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "feed", str(Path(tmp) / "feed.db")
        write(articles(n, seed, feed=True), out=folder)
        rows = [json.loads(line) for line in (folder / "gold.jsonl").open()]
        ingest = stage("ingest", str(folder), db)
        ingest["ari"] = ari({r["id"]: r["cluster"] for r in rows}, ingest.pop("pred"))
        ingest["story_ari"] = ari({r["id"]: r["story"] for r in rows}, ingest.pop("story_pred"))
        warm_page_cache(db)
        stage("diff-conflicts", db, ingest["largest_story"]["story"])  # parses its claims once, as any first ask
        diff = stage("diff-conflicts", db, ingest["largest_story"]["story"])
    return {"n": n, "run": run_stamp(), "ingest": ingest, "diff": diff}


ATTRIBUTION_ARTICLES = 500


def attribution_section(seed: int) -> dict:
    """What attribution's parse costs, and a story's first and repeated `summary` (lazy parse)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write(Generator(seed).articles(ATTRIBUTION_ARTICLES), out=folder)
        return {
            "n": ATTRIBUTION_ARTICLES,
            "run": run_stamp(),
            "story": stage("story", str(folder)),
            "claims_cost": stage("claims_cost", str(folder), str(ATTRIBUTION_ARTICLES)),
            "install": stage("install"),
        }


def warm_page_cache(db: str) -> None:
    """Read the database file once, so every query meets the page cache as it is after an ingest on
    a machine with room for it: otherwise whichever query runs first pays for reading the disk."""
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass


def story_section(n: int, seed: int, repeat: int) -> dict:
    """`diff` over one story-sized database (n articles), run once to warm the caches, then timed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        write(Generator(seed).articles(n), out=folder)
        db = str(Path(tmp) / "story.db")
        stage("ingest", str(folder), db)
        stage("query", db, "diff")
        runs = sorted((stage("query", db, "diff") for _ in range(repeat)), key=lambda r: r["seconds"])
        library = stage("diff-in-process", db)
    return {
        "n": n,
        "run": run_stamp(),
        "diff": {**runs[len(runs) // 2], "all_seconds": [round(r["seconds"], 2) for r in runs]},
        "library": library,
    }


def dedupe_section(n: int, seed: int) -> dict:
    gold = gold_of(n, seed)
    ours = stage("dedupe", str(n), str(seed))
    peer = stage("minhash", str(n), str(seed))
    return {
        "n": n,
        "run": run_stamp(),
        "basewatch": {
            "seconds": ours["seconds"],
            "rss_mb": ours["rss_mb"],
            "db_mb": ours["db_mb"],
            "ari": ari(gold, ours["pred"]),
        },
        "minhash": {
            "seconds": peer["seconds"],
            "clock": peer["clock"],
            "rss_mb": peer["rss_mb"],
            "ari": ari(gold, peer["pred"]),
        },
    }


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line), model
        )
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 2**20:.0f} GiB RAM"
    system = f"Python {platform.python_version()}, {platform.system()} {platform.machine()}"
    return f"{model}, {os.cpu_count()} cores{memory}, {system}"


def render(
    ingests: list[dict],
    dedupes: list[dict],
    stories: list[dict] = (),
    attribution: list[dict] = (),
    feeds: list[dict] = (),
) -> str:
    lines = [
        "# basewatch benchmarks",
        "",
        f"Machine: {machine()}. Each row names the date and commit of the run that measured it",
        "(`+changes`: uncommitted work on top of that commit); every figure on this page comes from",
        "`bench/results.json`, which `bench/run.py` writes and renders this page from.",
        "Data: `bench/generate.py` (seeded synthetic news: 80 outlets, stories with 0-6 syndicated copies,",
        "independent same-event reports, half the articles page dumps with menus/ticker/footer).",
        "Rerun: `pip install -e '.[bench]'` then `python bench/run.py --n 10000 --n 100000` and",
        "`python bench/run.py --dedupe 10000 --dedupe 50000 --dedupe 200000` (each size replaces its own rows).",
        "",
    ]
    if ingests:
        lines += _ingest_tables(ingests)
    if dedupes:
        lines += _dedupe_table(dedupes)
    if stories:
        lines += _story_table(stories)
    if feeds:
        lines += _feed_table(feeds)
    lines += _attribution_table(attribution)
    lines += reading(ingests, dedupes)
    return "\n".join(lines) + "\n"


README_BLOCK = ("<!-- speed: generated by bench/run.py from bench/results.json -->", "<!-- /speed -->")


def readme_speed(
    ingests: list[dict],
    dedupes: list[dict],
    stories: list[dict] = (),
    attribution: list[dict] = (),
    feeds: list[dict] = (),
) -> str:
    """The README's speed summary: the headline figures of the tables, nothing else."""
    lines = []
    for r in ingests:
        ing, q = r["ingest"], r["queries"]
        lines.append(
            f"- {r['n']:,} articles: ingest {ing['seconds']:.0f} s ({r['n'] / ing['seconds']:.0f} articles/s, "
            f"peak RSS {ing['rss_mb']:.0f} MB writer / {ing['worker_rss_mb']:.0f} MB per worker); clean "
            f"{r['justext']['seconds'] / r['clean']['seconds']:.1f}× faster than jusText; whole-database "
            f"`summary` / `diff` {_query_cell(q['summary'])} / {_query_cell(q['diff'])} s, one day "
            f"{_query_cell(q[QUERIES[3]])} / {_query_cell(q[QUERIES[4]])} s ({_measured(r)})."
        )
    for r in attribution:
        if "story" in r:
            cost, story = r["claims_cost"], r["story"]
            lines.append(
                f"- Attribution: the claims step takes {cost['parse_ms']:.1f} ms of CPU per article with the parse, "
                f"{cost['patterns_ms']:.1f} with word patterns, so ingest keeps the patterns and the parse runs the "
                f"first time claims are read: a {story['articles']}-article story's first `summary` "
                f"{story['first_s']:.1f} s, repeated {story['repeated_s']:.1f} s; the parser takes "
                f"{r['install']['parser_install_mb']:.0f} MB installed ({_measured(r)})."
            )
    for r in dedupes:
        b, m = r["basewatch"], r["minhash"]
        lines.append(
            f"- Dedupe step alone, {r['n']:,} articles: {b['seconds'] * 1000 / r['n']:.2f} ms/article, ARI "
            f"{b['ari']:.4f} (MinHashLSH {m['seconds'] * 1000 / r['n']:.2f} ms, ARI {m['ari']:.4f}) ({_measured(r)})."
        )
    for r in stories:
        lines.append(
            f"- `diff` on one {r['n']:,}-article story: {_query_cell(r['diff'])} s from the command line, "
            f"{_query_cell(r['library'])} s as a library call with the parser loaded ({_measured(r)})."
        )
    for r in feeds:
        ing, d = r["ingest"], r["diff"]
        lines.append(
            f"- A {r['n']:,}-article wire feed (each story on {FEED_COPIES[0]}-{FEED_COPIES[1]} sites): ingest "
            f"{r['n'] / ing['seconds']:.0f} articles/s, story ARI {ing['story_ari']:.4f}; the "
            f"{ing['largest_story']['articles']}-article story's `diff` lists {_conflicts_cell(d)} "
            f"disagreement(s) in {_query_cell(d)} s ({_measured(r)})."
        )
    return "\n".join([README_BLOCK[0], *lines, README_BLOCK[1]])


def with_readme_speed(readme: str, block: str) -> str:
    start, end = readme.index(README_BLOCK[0]), readme.index(README_BLOCK[1]) + len(README_BLOCK[1])
    return readme[:start] + block + readme[end:]


def _measured(result: dict) -> str:
    run = result.get("run", {})
    return f"{run.get('date', '?')} {run.get('commit', '?')}"


WORKER_STAGES = ["read", "clean+metadata", "claims", "fingerprint", "story terms", "encode"]
WRITER_STAGES = ["store", "commit", "dedupe", "stories"]


def _ms_per_article(result: dict, stage_name: str) -> float:
    return result["ingest"]["stages"].get(stage_name, 0) * 1000 / result["n"]


def reading(ingests: list[dict], dedupes: list[dict]) -> list[str]:
    """What the tables say, in words; every figure in it is computed from the tables' own data."""
    lines = ["## Reading the tables", ""]
    for r in ingests:
        stages = [name for name in WORKER_STAGES + WRITER_STAGES if name in r["ingest"]["stages"]]  # as measured
        spent = ", ".join(f"{name} {_ms_per_article(r, name):.2f}" for name in stages)
        costliest = max(stages, key=lambda name: _ms_per_article(r, name))
        lines += [
            f"- {r['n']:,} articles, CPU ms per article by stage: {spent}; the costliest is {costliest}.",
            "  The workers' stages run on both cores at once, the writer's in one process beside them.",
        ]
    if len(ingests) > 1:
        first, last = ingests[0], ingests[-1]
        growth = last["ingest"]["seconds"] / first["ingest"]["seconds"]
        lines += [
            f"- From {first['n']:,} to {last['n']:,} articles ingest time grows {growth:.1f}× for "
            f"{last['n'] / first['n']:.0f}× the articles. The writer's commit goes from "
            f"{_ms_per_article(first, 'commit'):.2f} to {_ms_per_article(last, 'commit'):.2f} ms per article",
            "  (each batch dirties pages all over larger indexes); a stage doing the same work per article at any",
            f"  size (fingerprint: {_ms_per_article(first, 'fingerprint'):.2f} vs "
            f"{_ms_per_article(last, 'fingerprint'):.2f} ms) shows how far the machine's speed moved between runs.",
        ]
    for r in ingests:
        q = r["queries"]
        whole = [f"`{k}` {q[k]['seconds']:.1f} s" for k in ("summary", "diff") if q.get(k, {}).get("ok")]
        scoped = [f"{q[k]['seconds']:.1f} s" for k in QUERIES[3:] if q.get(k, {}).get("ok")]
        if whole and scoped:
            lines.append(
                f"- {r['n']:,} articles: whole-database {', '.join(whole)} against {' / '.join(scoped)} for one "
                "day: the comparison is recomputed over everything in scope on every call."
            )
    if dedupes:
        ours = [d["basewatch"]["seconds"] * 1000 / d["n"] for d in dedupes]
        peer = [d["minhash"]["seconds"] * 1000 / d["n"] for d in dedupes]
        lines += [
            f"- The dedupe step takes {min(ours):.2f}-{max(ours):.2f} ms per article from {dedupes[0]['n']:,} to "
            f"{dedupes[-1]['n']:,} articles (MinHashLSH {min(peer):.2f}-{max(peer):.2f}), median ARI "
            f"{median(d['basewatch']['ari'] for d in dedupes):.4f} against "
            f"{median(d['minhash']['ari'] for d in dedupes):.4f}.",
            "  Candidate keys live in an indexed SQLite table, a key shared by more than "
            f"{Settings().max_key_postings} articles stops gaining",
            "  postings, and every candidate is verified.",
        ]
    return lines


def _attribution_table(ingests: list[dict]) -> list[str]:
    """Where attribution's parse goes: claims read lazily, the first time a story is asked for."""
    measured = [r for r in ingests if "story" in r]
    if not measured:
        return []
    lines = [
        "## Attribution: parse at ingest, or the first time claims are asked for",
        "",
        "| articles | claims, patterns (ms CPU/article) | claims, parse | parser load (s) "
        "| 20-article story `summary`, first (s) | repeated (s) | its peak (MB) | parser installed (MB) | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in measured:
        cost, story = r["claims_cost"], r["story"]
        lines.append(
            f"| {cost['articles']:,} | {cost['patterns_ms']:.1f} | {cost['parse_ms']:.1f} "
            f"| {cost['parser_load_s']:.1f} "
            f"| {story['first_s']:.1f} | {story['repeated_s']:.1f} "
            f"| {story['peak_mb']:.0f} | {r['install']['parser_install_mb']:.0f} | {_measured(r)} |"
        )
    return [*lines, ""]


def _ingest_tables(ingests: list[dict]) -> list[str]:
    lines = [
        "## Ingest (read + clean + metadata + claims + store + dedupe), 2 worker processes",
        "",
        "| articles | wall s | articles/s | × read-and-split floor | peak RSS main / worker MB | DB MB | ARI "
        "| story ARI | largest story | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in ingests:
        ing, fl = r["ingest"], r["floor"]["seconds"]
        lines.append(
            f"| {r['n']:,} | {ing['seconds']:.1f} | {r['n'] / ing['seconds']:.0f} | {ing['seconds'] / fl:.1f}× "
            f"| {ing['rss_mb']:.0f} / {ing['worker_rss_mb']:.0f} | {ing['db_mb']:.0f} | {ing['ari']:.4f} "
            f"| {_story_cells(ing)} | {_measured(r)} |"
        )
    lines += [
        "",
        "Per stage, CPU seconds (read to encode run in the two workers, summed over both; store and",
        "dedupe in the writer, whose total CPU also counts receiving results and reporting outcomes):",
        "",
    ]
    stages = WORKER_STAGES + WRITER_STAGES
    header = ["articles", *stages, "writer total", "ms CPU/article", "measured"]
    lines += ["| " + " | ".join(header) + " |", "|---:|" + "---:|" * (len(header) - 2) + "---|"]
    for r in ingests:
        ing = r["ingest"]
        cells = [f"{ing['stages'].get(s, 0):.1f}" for s in stages]
        writer = ing.get("main_cpu_s", ing["stages"].get("store", 0) + ing["stages"].get("dedupe", 0))
        worker = sum(ing["stages"].get(s, 0) for s in WORKER_STAGES)
        cells += [f"{writer:.1f}", f"{(worker + writer) * 1000 / r['n']:.2f}", _measured(r)]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    lines += ["", "## Clean step versus jusText on the same text (one process)", ""]
    lines += [
        "| articles | basewatch clean ms/article | jusText ms/article | ratio | `clean --learned` ms/article "
        "| the line model adds | measured |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in ingests:
        ours, peer = r["clean"]["seconds"] * 1000 / r["n"], r["justext"]["seconds"] * 1000 / r["n"]
        cells = [f"{ours:.2f}", f"{peer:.2f}", f"{peer / ours:.1f}× faster", *_learned_cells(r, ours)]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + f" | {_measured(r)} |")
    lines += ["", "## Queries on the ingested database (CLI, JSON to /dev/null, page cache warm)", ""]
    shown = QUERIES + STORY_QUERIES
    lines += [
        "| articles | " + " | ".join(f"`{q}` s" for q in shown) + " | measured |",
        "|---:|" + "---:|" * len(shown) + "---|",
    ]
    for r in ingests:
        q = r["queries"]
        cells = [_query_cell(q[k]) if k in q else "" for k in shown]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + f" | {_measured(r)} |")
    lines += ["", "`summary` and `diff` without `--story` are the bounded overview of the 10 latest stories.", ""]
    return lines + [""]


def _learned_cells(r: dict, rules_ms: float) -> list[str]:
    """`clean --learned` per article and what the model adds to the rules; blank for runs made before it
    was timed."""
    if "clean_learned" not in r:
        return ["", ""]
    learned = r["clean_learned"]["seconds"] * 1000 / r["n"]
    return [f"{learned:.2f}", f"{learned - rules_ms:+.2f} ms"]


def _story_cells(ing: dict) -> str:
    """Story ARI and the largest story's size; runs from before stories have neither."""
    if "story_ari" not in ing:
        return "— | —"
    return f"{ing['story_ari']:.4f} | {ing['largest_story']['articles']}"


def _query_cell(q: dict) -> str:
    return (
        f"{q['seconds']:.1f}" if q["ok"] else f"failed ({q['error'].strip().splitlines()[-1] if q['error'] else '?'})"
    )


def _story_table(stories: list[dict]) -> list[str]:
    lines = ["## `diff` on one story (page cache warm)", ""]
    lines += [
        "| articles | CLI end to end, JSON to /dev/null s | library call, parser loaded s | measured |",
        "|---:|---:|---:|---|",
    ]
    rows = [
        f"| {r['n']:,} | {_query_cell(r['diff'])} | {_query_cell(r['library'])} | {_measured(r)} |" for r in stories
    ]
    return lines + rows + [""]


def _feed_table(feeds: list[dict]) -> list[str]:
    lines = [
        f"## A wire feed: each story republished by {FEED_COPIES[0]}-{FEED_COPIES[1]} of {FEED_SITES} sites",
        "",
        "`bench/generate.py --feed`: a few wire stories at a time, their copies interleaved; each states one",
        "figure that an update, carried by part of the sites, revises (one planted disagreement per story).",
        "",
        "| articles | wall s | articles/s | ARI | story ARI | largest story | its `diff --story` s "
        "| conflicts listed (distinct) | outlets carrying each side | stories CPU ms/article | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in feeds:
        ing, d = r["ingest"], r["diff"]
        carriers = "; ".join(" + ".join(str(n) for n in sides) for sides in d.get("carriers", []))
        lines.append(
            f"| {r['n']:,} | {ing['seconds']:.1f} | {r['n'] / ing['seconds']:.0f} | {ing['ari']:.4f} "
            f"| {ing['story_ari']:.4f} | {ing['largest_story']['articles']} | {_query_cell(d)} "
            f"| {_conflicts_cell(d)} | {carriers} | {_ms_per_article(r, 'stories'):.2f} | {_measured(r)} |"
        )
    return [*lines, ""]


def _conflicts_cell(d: dict) -> str:
    return f"{d['conflicts']} ({d['distinct']} distinct)" if d["ok"] else "—"


def _dedupe_table(dedupes: list[dict]) -> list[str]:
    lines = [
        "## Dedupe step alone versus datasketch MinHashLSH (same article bodies, one process each)",
        "",
        "| articles | basewatch ms/article | MinHashLSH ms/article | basewatch ARI | MinHashLSH ARI "
        "| basewatch RSS MB | MinHashLSH RSS MB | basewatch index DB MB | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in dedupes:
        b, m, n = r["basewatch"], r["minhash"], r["n"]
        mark = "" if m.get("clock") == "clustering only" else " *"
        lines.append(
            f"| {n:,} | {b['seconds'] * 1000 / n:.2f} | {m['seconds'] * 1000 / n:.2f}{mark} "
            f"| {b['ari']:.4f} | {m['ari']:.4f} "
            f"| {b['rss_mb']:.0f} | {m['rss_mb']:.0f} | {b['db_mb']:.0f} | {_measured(r)} |"
        )
    lines += ["", "Both clocks run only while an article is being clustered, not while the generator writes it."]
    if any(r["minhash"].get("clock") != "clustering only" for r in dedupes):
        lines.append("\\* An older run, whose MinHashLSH clock also ran while the generator wrote the articles.")
    return lines + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", default=[], help="ingest benchmark size (repeatable)")
    ap.add_argument("--dedupe", type=int, action="append", default=[], help="dedupe-step benchmark size")
    ap.add_argument("--story", type=int, action="append", default=[], help="articles in one story for `diff`")
    ap.add_argument("--feed", type=int, action="append", default=[], help="wire feed benchmark size")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    ap.add_argument("--results", type=Path, default=HERE / "results.json", help="raw figures, merged across runs")
    args = ap.parse_args()
    saved = json.loads(args.results.read_text()) if args.results.exists() else {"ingest": [], "dedupe": []}
    for n in args.n:
        print(f"ingest {n:,} ...", file=sys.stderr)
        saved["ingest"] = [r for r in saved["ingest"] if r["n"] != n] + [ingest_section(n, args.seed, args.repeat)]
    if args.n:
        print("attribution ...", file=sys.stderr)
        saved["attribution"] = [attribution_section(args.seed)]
    for n in args.dedupe:
        print(f"dedupe {n:,} ...", file=sys.stderr)
        saved["dedupe"] = [r for r in saved["dedupe"] if r["n"] != n] + [dedupe_section(n, args.seed)]
    saved.setdefault("story", [])
    for n in args.story:
        print(f"story diff {n:,} ...", file=sys.stderr)
        saved["story"] = [r for r in saved["story"] if r["n"] != n] + [story_section(n, args.seed, max(args.repeat, 3))]
    saved.setdefault("feed", [])
    for n in args.feed:
        print(f"feed {n:,} ...", file=sys.stderr)
        saved["feed"] = [r for r in saved["feed"] if r["n"] != n] + [feed_section(n, args.seed)]
    for key in saved:
        saved[key].sort(key=lambda r: r["n"])
    args.results.write_text(json.dumps(saved, indent=1))
    tables = (saved["ingest"], saved["dedupe"], saved["story"], saved.get("attribution", []), saved["feed"])
    args.out.write_text(render(*tables), encoding="utf-8")
    readme = HERE.parent / "README.md"
    speed = readme_speed(*tables)
    readme.write_text(with_readme_speed(readme.read_text(encoding="utf-8"), speed), encoding="utf-8")
    print(args.out.read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
