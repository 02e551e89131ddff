"""basewatch benchmarks, side by side with the peers on the same generated data, into BENCHMARKS.md.

    python bench/run.py --n 10000 --n 100000            # ingest, clean, queries (and peers)
    python bench/run.py --dedupe 10000 --dedupe 200000  # the dedupe step alone vs datasketch MinHashLSH
    python bench/run.py --n 10000 --repeat 3 --out BENCHMARKS.md

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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Generator, write  # noqa: E402


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
QUERIES = ("clusters", "summary", "diff", "summary --since 2026-06-28", "diff --since 2026-06-28")


def ingest_section(n: int, seed: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write(Generator(seed).articles(n), out=folder)
        gold = {json.loads(line)["id"]: json.loads(line)["cluster"] for line in (folder / "gold.jsonl").open()}
        result = {"n": n, "floor": median_of(repeat, "floor", str(folder))}
        runs = []
        for attempt in range(repeat):
            db = Path(tmp) / f"bench-{attempt}.db"
            runs.append(stage("ingest", str(folder), str(db)))
        runs.sort(key=lambda r: r["seconds"])
        chosen = runs[len(runs) // 2]
        result["ingest"] = {k: v for k, v in chosen.items() if k != "pred"}
        result["ingest"]["all_seconds"] = [round(r["seconds"], 2) for r in runs]
        result["ingest"]["ari"] = ari(gold, chosen["pred"])
        db = str(Path(tmp) / "bench-0.db")
        warm_page_cache(db)
        result["queries"] = {q: stage("query", db, q) for q in QUERIES}
        result["story"] = stage("story", str(folder))
        result["claims_cost"] = stage("claims_cost", str(folder))
        result["install"] = stage("install")
        result["clean"] = median_of(repeat, "clean", str(folder))
        result["justext"] = median_of(repeat, "justext", str(folder))
    return result


def warm_page_cache(db: str) -> None:
    """Read the database file once, so every query meets the page cache as it is after an ingest on
    a machine with room for it: otherwise whichever query runs first pays for reading the disk."""
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass


def dedupe_section(n: int, seed: int) -> dict:
    gold = gold_of(n, seed)
    ours = stage("dedupe", str(n), str(seed))
    peer = stage("minhash", str(n), str(seed))
    return {
        "n": n,
        "basewatch": {
            "seconds": ours["seconds"],
            "rss_mb": ours["rss_mb"],
            "db_mb": ours["db_mb"],
            "ari": ari(gold, ours["pred"]),
        },
        "minhash": {"seconds": peer["seconds"], "rss_mb": peer["rss_mb"], "ari": ari(gold, peer["pred"])},
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


def render(ingests: list[dict], dedupes: list[dict]) -> str:
    lines = [
        "# basewatch benchmarks",
        "",
        f"Measured {date.today().isoformat()} on {machine()}.",
        "Data: `bench/generate.py` (seeded synthetic news: 80 outlets, stories with 0-6 syndicated copies,",
        "independent same-event reports, half the articles page dumps with menus/ticker/footer).",
        "Rerun: `pip install -e '.[bench]'` then `python bench/run.py --n 10000 --n 100000` and",
        "`python bench/run.py --dedupe 10000 --dedupe 50000 --dedupe 200000` (each part rewrites its section).",
        "",
    ]
    if ingests:
        lines += _ingest_tables(ingests)
    if dedupes:
        lines += _dedupe_table(dedupes)
    lines += _attribution_table(ingests)
    lines += READING.splitlines()
    return "\n".join(lines) + "\n"


READING = """## Where the time goes, and what would remove it

- Ingest is CPU-bound pure Python: 5.5-7 ms of CPU per article (table above), shared by two workers
  and the writer on two cores, which stay ~95% busy. The workers spend ≈ 1.7-2.0 ms on clean +
  metadata, ≈ 1.7-2.0 ms on claims, 0.5 ms on the fingerprint, 0.4 ms encoding rows (JSON, page
  compression) and 0.2 ms reading; the writer ≈ 1.2-1.7 ms (store, commit, dedupe, and receiving
  results from the workers). The 120 s bar for 100k articles is 2.4 ms of CPU per article on this
  machine, the 60 s target 1.2 ms: clean + metadata or claims alone, or the writer alone, take most
  of it. No one stage holds it back; what would remove it is a compiled core for the clean and claims
  scans (their patterns are simple enough for hand-written matchers), or claims computed lazily on
  the first query.
- This machine's speed drifts: in the run above the fingerprint stage (no cache, the same work per
  article at any size) took 0.47 ms per article at 10k and 0.58 ms at 100k, and the clean step alone
  1.17 and 1.44 ms. The same ingest code measured 10k → 100k in 28.9 → 316.8 s (11.0×) and
  32.2 → 352.6 s (11.0×) in two earlier runs, and 10k runs alternating the previous and current code
  spread over 31.6-36.6 s with no difference between them: the 12.9× above is mostly drift. The writer's
  share does grow with the database (commit 0.10 → 0.38 ms per article: each batch dirties pages
  all over the larger indexes).
- What brought 100k from 476 s to about 320 s (before the runs above): workers send flat rows instead of
  dataclasses; files are read by the workers; the next window of documents is queued before the
  current one is drained; each worker remembers the facts of recent sentences (syndicated copies
  repeat the wire's sentences) and the verdicts of recent page lines (sites repeat their chrome); a
  64 MB page cache and 256 MB memory map for the dedupe probes (the writer's RSS counts the mapped
  file), a 64 MB WAL between checkpoints, fewer garbage-collector passes.
- Memory stays bounded: documents go to the workers 512 at a time; the per-process caches are
  capped (32k sentences, 50k lines).
- The read-and-split floor reads a 5 kB file in ~0.04 ms; nothing that analyses the text comes within
  20× of it in Python (about 100× here).
- `summary` and `diff` recompute the comparison on every call (read the claims, fold name variants,
  analyse each sentence, find candidate pairs, verify them): about 0.13-0.15 ms per claim in scope.
  Whole 10k database (166k claims): 26 s / 36 s (before these changes: over 120 s, the bench
  stopped them); whole 100k (1.67M claims): 217 s / 259 s, with a 6.1 GB peak for `summary`; one day at 100k
  (`--since`, 569 articles, 9.3k claims): 3.3 s / 2.4 s, of which 0.6 s is starting Python. What
  changed: candidate pairs (claims sharing two of their rarest terms) are found by indexing each
  sentence under every pair of its keys — exactly the pairs sharing two keys, instead of counting
  every pair that shares one (22.9M counted at 10k for 316k candidates); syndicated copies repeat
  sentences, so each distinct sentence is analysed once and each pair of distinct sentences gets one
  verdict; corroboration skips pairs of copies of one root; the garbage collector runs fewer passes
  (at the default thresholds, building the candidate index took 7.9 s, 2.8 s without collections);
  a claim's JSON lists decode in one call.
- Answering over all of 100k in 2 s is out of reach of recomputing: turning 1.67M stored claims into
  Python objects alone takes 31 s, `diff` over 100k lists about 1.5M unique claims (a 2 GB JSON document) and
  `summary` lists all 100k articles. It needs the comparison stored and kept up to date at ingest
  (sentence analysis in the workers, candidate pairs probed through an index like the dedupe keys,
  corroboration updated as links arrive, estimated 1-3 ms more CPU per article against the ingest
  budget above) and bounded output (top N per section, with counts) for scopes that size.
- The dedupe step stays near 1 ms per article from 10k to 200k articles: candidate keys live in an
  indexed SQLite table, a key shared by more than 500 articles stops gaining postings, and every
  candidate is verified. Its RSS counts the database's memory map (256 MB at most); the previous
  run, without the map and the bigger page cache, peaked at 175 MB at 200k and took 1.24 ms/article.
"""


def _attribution_table(ingests: list[dict]) -> list[str]:
    """Where attribution's parse goes: claims read lazily, the first time a story is asked for."""
    measured = [r for r in ingests if "story" in r]
    if not measured:
        return []
    lines = [
        "## Attribution: parse at ingest, or the first time claims are asked for",
        "",
        "| articles | claims, patterns (ms CPU/article) | claims, parse | parser load (s) | ingest articles/s "
        "(patterns) | 20-article story `summary`, first (s) | repeated (s) | its peak (MB) | parser installed (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in measured:
        cost, story, ing = r["claims_cost"], r["story"], r["ingest"]
        lines.append(
            f"| {r['n']:,} | {cost['patterns_ms']:.1f} | {cost['parse_ms']:.1f} | {cost['parser_load_s']:.1f} "
            f"| {r['n'] / ing['seconds']:.0f} | {story['first_s']:.1f} | {story['repeated_s']:.1f} "
            f"| {story['peak_mb']:.0f} | {r['install']['parser_install_mb']:.0f} |"
        )
    return [*lines, ""]


def _ingest_tables(ingests: list[dict]) -> list[str]:
    lines = [
        "## Ingest (read + clean + metadata + claims + store + dedupe), 2 worker processes",
        "",
        "| articles | wall s | articles/s | × read-and-split floor | peak RSS main / worker MB | DB MB | ARI |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ingests:
        ing, fl = r["ingest"], r["floor"]["seconds"]
        lines.append(
            f"| {r['n']:,} | {ing['seconds']:.1f} | {r['n'] / ing['seconds']:.0f} | {ing['seconds'] / fl:.1f}× "
            f"| {ing['rss_mb']:.0f} / {ing['worker_rss_mb']:.0f} | {ing['db_mb']:.0f} | {ing['ari']:.4f} |"
        )
    if len(ingests) > 1:
        growth = ingests[-1]["ingest"]["seconds"] / ingests[0]["ingest"]["seconds"]
        lines += ["", f"Time from {ingests[0]['n']:,} to {ingests[-1]['n']:,} articles grows {growth:.1f}×."]
    lines += [
        "",
        "Per stage, CPU seconds (read to encode run in the two workers, summed over both; store and",
        "dedupe in the writer, whose total CPU also counts receiving results and reporting outcomes):",
        "",
    ]
    stages = ["read", "clean+metadata", "claims", "fingerprint", "encode", "store", "commit", "dedupe"]
    header = ["articles", *stages, "writer total", "ms CPU/article"]
    lines += ["| " + " | ".join(header) + " |", "|---:|" + "---:|" * (len(header) - 1)]
    for r in ingests:
        ing = r["ingest"]
        cells = [f"{ing['stages'].get(s, 0):.1f}" for s in stages]
        writer = ing.get("main_cpu_s", ing["stages"].get("store", 0) + ing["stages"].get("dedupe", 0))
        worker = sum(ing["stages"].get(s, 0) for s in stages[:5])
        cells += [f"{writer:.1f}", f"{(worker + writer) * 1000 / r['n']:.2f}"]
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    lines += ["", "## Clean step versus jusText on the same text (one process)", ""]
    lines += ["| articles | basewatch clean ms/article | jusText ms/article | ratio |", "|---:|---:|---:|---:|"]
    for r in ingests:
        ours, peer = r["clean"]["seconds"] * 1000 / r["n"], r["justext"]["seconds"] * 1000 / r["n"]
        lines.append(f"| {r['n']:,} | {ours:.2f} | {peer:.2f} | {peer / ours:.1f}× faster |")
    lines += ["", "## Queries on the ingested database (CLI, JSON to /dev/null, page cache warm)", ""]
    lines += ["| articles | " + " | ".join(f"`{q}` s" for q in QUERIES) + " |", "|---:|" + "---:|" * len(QUERIES)]
    for r in ingests:
        q = r["queries"]
        lines.append(f"| {r['n']:,} | " + " | ".join(_query_cell(q[k]) if k in q else "" for k in QUERIES) + " |")
    return lines + [""]


def _query_cell(q: dict) -> str:
    return (
        f"{q['seconds']:.1f}" if q["ok"] else f"failed ({q['error'].strip().splitlines()[-1] if q['error'] else '?'})"
    )


def _dedupe_table(dedupes: list[dict]) -> list[str]:
    lines = [
        "## Dedupe step alone versus datasketch MinHashLSH (same article bodies, one process each)",
        "",
        "| articles | basewatch ms/article | MinHashLSH ms/article | basewatch ARI | MinHashLSH ARI "
        "| basewatch RSS MB | MinHashLSH RSS MB | basewatch index DB MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in dedupes:
        b, m, n = r["basewatch"], r["minhash"], r["n"]
        lines.append(
            f"| {n:,} | {b['seconds'] * 1000 / n:.2f} | {m['seconds'] * 1000 / n:.2f} "
            f"| {b['ari']:.4f} | {m['ari']:.4f} "
            f"| {b['rss_mb']:.0f} | {m['rss_mb']:.0f} | {b['db_mb']:.0f} |"
        )
    if len(dedupes) > 1:
        first, last = dedupes[0], dedupes[-1]
        growth = last["basewatch"]["seconds"] / first["basewatch"]["seconds"]
        lines += [
            "",
            f"basewatch time from {first['n']:,} to {last['n']:,} articles grows {growth:.1f}× "
            f"for {last['n'] / first['n']:.0f}× the articles; "
            f"ARI {first['basewatch']['ari']:.4f} → {last['basewatch']['ari']:.4f}.",
        ]
    return lines + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, action="append", default=[], help="ingest benchmark size (repeatable)")
    ap.add_argument("--dedupe", type=int, action="append", default=[], help="dedupe-step benchmark size")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    ap.add_argument("--results", type=Path, default=HERE / "results.json", help="raw figures, merged across runs")
    args = ap.parse_args()
    saved = json.loads(args.results.read_text()) if args.results.exists() else {"ingest": [], "dedupe": []}
    for n in args.n:
        print(f"ingest {n:,} ...", file=sys.stderr)
        saved["ingest"] = [r for r in saved["ingest"] if r["n"] != n] + [ingest_section(n, args.seed, args.repeat)]
    for n in args.dedupe:
        print(f"dedupe {n:,} ...", file=sys.stderr)
        saved["dedupe"] = [r for r in saved["dedupe"] if r["n"] != n] + [dedupe_section(n, args.seed)]
    for key in saved:
        saved[key].sort(key=lambda r: r["n"])
    args.results.write_text(json.dumps(saved, indent=1))
    args.out.write_text(render(saved["ingest"], saved["dedupe"]), encoding="utf-8")
    print(args.out.read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
