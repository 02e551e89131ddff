"""The line model: gradient-boosted trees over the unit features, then a smoothing pass over the page.

The trees score each unit from its own shape, where it sits in the page's prose and its neighbours'
shapes; the hand rules' verdict moves that score a little; a two-state Viterbi pass then keeps or drops
whole runs, so that the article comes out as one
stretch instead of a scatter of lines. Trained by bench/train_clean.py on extraction-train (WCXB,
CC-BY-4.0), cross-validated by site, shipped as line_model.json and read with numpy alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from basewatch.clean.features import ALL_FEATURE_NAMES

MODEL_PATH = Path(__file__).with_name("line_model.json")
FORMAT = 3
# Signals quoted in a removed line's reason.
_REASON_SIGNALS = 2
_EPSILON = 1e-4


@dataclass(frozen=True)
class LineModel:
    """Trees padded to one depth, so that every tree is walked at once, level by level.

    Node k of a tree has children 2k+1 and 2k+2; a unit goes right when its feature is above the
    threshold. `values` holds every node's score (leaves last), so a step's change in score can be
    credited to the feature that was split on: the signals a removed line's reason names.
    """

    depth: int
    features: np.ndarray  # (trees, inner nodes) feature index per inner node
    thresholds: np.ndarray  # (trees, inner nodes)
    values: np.ndarray  # (trees, all nodes) score at each node
    bias: float
    switch_cost: float  # log-likelihood a page pays for each change between body and boilerplate
    rule_prior: float  # log-odds the hand rules' verdict adds for (or takes from) a unit before smoothing

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Body probability per unit."""
        return sigmoid(self.bias + self._value_at(self._path(x)[-1]).sum(axis=1))

    def pulls(self, x: np.ndarray) -> np.ndarray:
        """Each feature's contribution to each unit's log-odds: the score change at every split, credited
        to the feature split on."""
        n, width = x.shape
        path = np.stack(self._path(x))  # (levels + 1, units, trees)
        nodes, children = path[:-1], path[1:]
        steps = self._value_at(children) - self._value_at(nodes)
        columns = np.arange(n)[:, None] * width + self._flat_features.take(self._inner_offsets + nodes)
        return np.bincount(columns.ravel(), weights=steps.ravel(), minlength=n * width).reshape(n, width)

    def _path(self, x: np.ndarray) -> list[np.ndarray]:
        """The node each unit reaches in each tree at every level, root first. Every inner node's test is
        taken at once (fewer, larger numpy steps than testing level by level), then looked up on the way
        down: a unit goes right when its feature is above the node's threshold."""
        right = (x.take(self._flat_features, axis=1) > self._flat_thresholds).ravel()
        start = np.arange(len(x))[:, None] * self._flat_features.size + self._inner_offsets
        node = np.zeros((len(x), self.features.shape[0]), dtype=np.intp)
        path = [node]
        for _ in range(self.depth):
            node = 2 * node + 1 + right.take(start + node)
            path.append(node)
        return path

    def _value_at(self, node: np.ndarray) -> np.ndarray:
        return self._flat_values.take(self._value_offsets + node)

    @cached_property
    def _flat_features(self) -> np.ndarray:
        return self.features.ravel()

    @cached_property
    def _flat_thresholds(self) -> np.ndarray:
        return self.thresholds.ravel()

    @cached_property
    def _flat_values(self) -> np.ndarray:
        return self.values.ravel()

    @cached_property
    def _inner_offsets(self) -> np.ndarray:
        """Where each tree's inner nodes start in the flattened arrays."""
        return np.arange(self.features.shape[0]) * self.features.shape[1]

    @cached_property
    def _value_offsets(self) -> np.ndarray:
        return np.arange(self.values.shape[0]) * self.values.shape[1]

    def with_rules(self, probability: np.ndarray, by_rules: np.ndarray) -> np.ndarray:
        """The trees' probability moved towards the hand rules' verdict."""
        p = np.clip(probability, _EPSILON, 1 - _EPSILON)
        return sigmoid(np.log(p / (1 - p)) + self.rule_prior * np.where(by_rules, 1.0, -1.0))

    def keep(self, probability: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """The most likely keep/drop sequence, each unit's evidence weighted by its size."""
        p = np.clip(probability, _EPSILON, 1 - _EPSILON)
        keep_scores, drop_scores = (weight * np.log(p)).tolist(), (weight * np.log(1 - p)).tolist()
        cost = self.switch_cost
        switched: list[tuple[bool, bool]] = [(False, False)]  # per unit: did the best path into each state switch
        dropped, kept = drop_scores[0], keep_scores[0]
        for keep_score, drop_score in zip(keep_scores[1:], drop_scores[1:], strict=True):
            to_drop, to_keep = kept - cost, dropped - cost
            switched.append((to_drop > dropped, to_keep > kept))
            dropped, kept = max(dropped, to_drop) + drop_score, max(kept, to_keep) + keep_score
        verdict = np.zeros(len(p), dtype=bool)
        state = kept > dropped
        for i in range(len(p) - 1, -1, -1):
            verdict[i] = state
            state = state != switched[i][state]
        return verdict

    def reason(self, pulls: np.ndarray, probability: float) -> str:
        """The strongest signals against a unit, as a person reads them."""
        worst = [j for j in np.argsort(pulls)[:_REASON_SIGNALS] if pulls[j] < 0]
        said = "; ".join(ALL_FEATURE_NAMES[j] for j in worst) or "the lines around it"
        return f"line model: {probability:.0%} body (against it: {said})"

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "features": list(ALL_FEATURE_NAMES),
            "depth": self.depth,
            "bias": self.bias,
            "switch_cost": self.switch_cost,
            "rule_prior": self.rule_prior,
            "trees": {
                "features": self.features.tolist(),
                # thresholds sit between two feature values seen in training: rounded, they can change a split
                "thresholds": self.thresholds.tolist(),
                "values": np.round(self.values, 6).tolist(),
            },
        }


def unit_weight(words: np.ndarray) -> np.ndarray:
    """How much a unit's verdict counts in the smoothing: the log of its word 4-grams, as scored."""
    return np.log1p(1.0 + np.maximum(words - 3, np.minimum(words, 1)))


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@cache
def load(path: Path = MODEL_PATH) -> LineModel:
    """The shipped model, checked against the features this code computes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or tuple(data.get("features", ())) != ALL_FEATURE_NAMES:
        raise ValueError(f"{path.name} was trained for other features: retrain with bench/train_clean.py")
    trees = data["trees"]
    return LineModel(
        int(data["depth"]),
        np.asarray(trees["features"], dtype=np.intp),
        np.asarray(trees["thresholds"], dtype=float),
        np.asarray(trees["values"], dtype=float),
        float(data["bias"]),
        float(data["switch_cost"]),
        float(data["rule_prior"]),
    )
