"""Train the cleaner's line model on extraction-train and print its site-grouped cross-validated F1.

    python bench/train_clean.py [--corpus DIR] [--folds 5] [--seed 13] [--write]

Every article page of extraction-train (WCXB dev split, CC-BY-4.0) is cut into the cleaner's own units; a unit is
body when most of its word 4-grams are in the page's gold body. Folds keep every page of one site on
one side. The figures printed are the shared scorer's macro F1 over the held-out *article* pages:
keep-everything, the hand rules alone, and the trees with the rules' verdict as a prior and the smoothing
pass, at each switch cost and prior; the pair best by this cross-validation is the one shipped. `--write`
refits on all pages and writes src/basewatch/clean/line_model.json.
Never point it at extraction-dev: that is the measure.
Needs scikit-learn (the bench extra) to train; the package reads the trees with numpy alone.
"""

from __future__ import annotations

import os

# One thread: the box is shared, and a fixed thread count keeps the fit the same run to run.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from shared_tools import SHARED, load_scorer
from sklearn.ensemble import HistGradientBoostingClassifier

from basewatch.clean import rule_units
from basewatch.clean.features import feature_matrix
from basewatch.clean.model import MODEL_PATH, LineModel, unit_weight

# A unit is body when at least this share of its 4-grams is in the gold body.
LABEL_MIN_SHARE = 0.5
# Boosting: shallow trees (their reasons stay readable, and the shipped file small), a fixed seed.
TREES = 150
DEPTH = 4
LEARNING_RATE = 0.1
# Switch costs tried for the smoothing pass (0: each unit on its own at 0.5).
SWITCH_COSTS = (0.0, 0.5, 1.0, 2.0, 4.0)
# Log-odds the hand rules' verdict adds to the trees' score (0: the rules are only features).
RULE_PRIORS = (0.0, 0.25, 0.5, 1.0)
# Stands for "always go left" where a leaf shallower than DEPTH is padded out.
_NEVER = 1e30


@dataclass
class Page:
    id: str
    site: str
    tokens: list[list[str]]
    gold: Counter
    rule_kept: np.ndarray
    named: np.ndarray  # a named rule recognised the unit (a related-story link, a caption credit)
    x: np.ndarray
    y: np.ndarray
    w: np.ndarray  # training weight: the unit's 4-grams, normalised per page
    size: np.ndarray  # smoothing weight


def pages(corpus: Path, scorer) -> list[Page]:
    with (corpus / "manifest.tsv").open(encoding="utf-8") as fh:
        # Other page types' gold keeps their menus and product grids as main content: trained on, they teach
        # the model that link lists are body. The model learns from article pages only.
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("page_type", "article") == "article"]
    out = []
    for row in rows:
        text = (corpus / f"{row['id']}.txt").read_text(encoding="utf-8")
        gold = (corpus / f"{row['id']}.gold.txt").read_text(encoding="utf-8")
        units, main = rule_units(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        if not units:
            continue
        gold_grams = scorer.shingles(gold)
        gold_tokens = " " + " ".join(scorer.tokenize(gold)) + " "
        labels, weights = [], []
        for unit in units:
            grams = scorer.shingles(unit.text)
            size = sum(grams.values())
            if size and len(next(iter(grams))) == scorer.NGRAM:
                labels.append(sum((grams & gold_grams).values()) / size >= LABEL_MIN_SHARE)
            else:
                labels.append(f" {' '.join(scorer.tokenize(unit.text))} " in gold_tokens)
            weights.append(1.0 + size)
        w = np.array(weights)
        site = urlparse(row["url"]).netloc.lower().removeprefix("www.")
        out.append(
            Page(
                row["id"],
                site,
                [scorer.tokenize(u.text) for u in units],
                gold_grams,
                np.array([i in main and u.kind != "bad" for i, u in enumerate(units)]),
                np.array([u.kind == "bad" for u in units]),
                feature_matrix(units, main),
                np.array(labels, dtype=float),
                w / w.sum() * len(units),
                unit_weight(np.array([u.words for u in units])),
            )
        )
    return out


def fit(train: list[Page], seed: int, switch_cost: float = 0.0, rule_prior: float = 0.0) -> LineModel:
    x = np.vstack([p.x for p in train])
    y = np.concatenate([p.y for p in train])
    w = np.concatenate([p.w for p in train])
    boosted = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, early_stopping=False, random_state=seed
    ).fit(x, y, sample_weight=w)
    padded = [_padded(tree.nodes) for (tree,) in boosted._predictors]
    return LineModel(
        DEPTH,
        np.array([f for f, _, _ in padded], dtype=np.intp),
        np.array([t for _, t, _ in padded]),
        np.array([v for _, _, v in padded]),
        float(np.ravel(boosted._baseline_prediction)[0]),
        switch_cost,
        rule_prior,
    )


def _padded(nodes) -> tuple[list[int], list[float], list[float]]:
    """One scikit-learn tree as a complete tree of DEPTH levels; a node's value is its leaves' mean
    over the training units that reached them."""
    inner = 2**DEPTH - 1
    features, thresholds, values = [0] * inner, [_NEVER] * inner, [0.0] * (2 * inner + 1)

    def place(source: int, at: int) -> float:
        node = nodes[source]
        if at >= inner:
            values[at] = float(node["value"])
        elif node["is_leaf"]:
            place(source, 2 * at + 1)
            place(source, 2 * at + 2)
            values[at] = float(node["value"])
        else:
            features[at], thresholds[at] = int(node["feature_idx"]), float(node["num_threshold"])
            left, right = int(node["left"]), int(node["right"])
            counts = float(nodes[left]["count"]), float(nodes[right]["count"])
            values[at] = (counts[0] * place(left, 2 * at + 1) + counts[1] * place(right, 2 * at + 2)) / sum(counts)
        return values[at]

    place(0, 0)
    return features, thresholds, values


def page_f1(scorer, page: Page, kept: np.ndarray) -> float:
    grams = scorer.shingles(" ".join(t for unit, k in zip(page.tokens, kept, strict=True) if k for t in unit))
    tp = sum((page.gold & grams).values())
    return scorer.prf(tp, sum(grams.values()) - tp, sum(page.gold.values()) - tp)[2]


def folds(site_pages: list[Page], k: int, seed: int) -> list[list[Page]]:
    sites = sorted({p.site for p in site_pages})
    random.Random(seed).shuffle(sites)
    fold_of = {site: i % k for i, site in enumerate(sites)}
    groups = defaultdict(list)
    for page in site_pages:
        groups[fold_of[page.site]].append(page)
    return [groups[i] for i in range(k)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "extraction-train")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--write", action="store_true", help=f"refit on every page and write {MODEL_PATH.name}")
    args = ap.parse_args()
    if args.corpus.name == "extraction-dev":
        sys.exit("extraction-dev is the measure, not training data")
    scorer = load_scorer("score_extraction")
    articles = pages(args.corpus, scorer)
    held_out: dict[str, np.ndarray] = {}
    for held in folds(articles, args.folds, args.seed):
        held_ids = {p.id for p in held}
        model = fit([p for p in articles if p.id not in held_ids], args.seed)
        held_out.update((p.id, model.scores(p.x)) for p in held)

    def scored(kept) -> np.ndarray:
        return np.array([page_f1(scorer, page, kept(page, held_out[page.id])) for page in articles])

    def smoothed(cost: float, prior: float):
        smoother = replace(model, switch_cost=cost, rule_prior=prior)

        def kept(page: Page, p: np.ndarray) -> np.ndarray:
            p = smoother.with_rules(p, page.rule_kept)
            return smoother.keep(p, page.size) if cost else p >= 0.5

        return kept

    figures = {
        "keep everything": scored(lambda page, p: np.ones(len(p), dtype=bool)),
        "rules": scored(lambda page, p: page.rule_kept),
    }
    grid = {}
    for cost in SWITCH_COSTS:
        for prior in RULE_PRIORS:
            grid[cost, prior] = figures[f"model, switch cost {cost}, rule prior {prior}"] = scored(
                smoothed(cost, prior)
            )
    best = max(grid, key=lambda k: grid[k].mean())
    figures[f"model {best}, and every unit a named rule drops stays out"] = scored(
        lambda page, p: smoothed(*best)(page, p) & ~page.named
    )
    sites = len({p.site for p in articles})
    print(f"site-grouped {args.folds}-fold CV, held-out scores on {len(articles)} article pages of {sites} sites")
    for name, values in figures.items():
        print(f"  {name:58s} F1={values.mean():.3f}  pages below 0.3: {(values < 0.3).sum()}")
    if args.write:
        MODEL_PATH.write_text(json.dumps(fit(articles, args.seed, *best).to_dict()) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    print(f"F1={grid[best].mean():.3f} switch_cost={best[0]} rule_prior={best[1]} articles={len(articles)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
