"""The line model: a two-stage logistic regression over the unit features, shipped as line_model.json.

Stage one scores each unit on its own features; stage two adds its neighbours' stage-one scores, so
the article comes out as one run instead of a scatter of lines. Trained by bench/train_clean.py on
extraction-train (WCXB, CC-BY-4.0), cross-validated by site; loaded from the package, never fetched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from basewatch.clean.features import FEATURE_NAMES

MODEL_PATH = Path(__file__).with_name("line_model.json")
FORMAT = 2
CONTEXT_NAMES = (
    "own score",
    "previous line's score",
    "next line's score",
    "score of the lines around it",
    "best score above it",
    "best score below it",
)
_CONTEXT_UNITS = 3
# Signals quoted in a removed line's reason.
_REASON_SIGNALS = 2


@dataclass(frozen=True)
class Stage:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def contributions(self, row: np.ndarray) -> np.ndarray:
        return (row - self.mean) / self.scale * self.weights

    def to_dict(self) -> dict:
        return {k: np.round(getattr(self, k), 6).tolist() for k in ("mean", "scale", "weights")} | {
            "bias": round(float(self.bias), 6)
        }

    @classmethod
    def from_dict(cls, d: dict) -> Stage:
        return cls(*(np.asarray(d[k], dtype=float) for k in ("mean", "scale", "weights")), float(d["bias"]))


@dataclass(frozen=True)
class LineModel:
    """Two stages, and how their score combines with the rules' verdict: a unit the rules keep stays
    unless its score is below `drop_below`; a unit they drop between their first and last kept unit
    comes back when its score reaches `add_above` (both chosen by site-grouped cross-validation)."""

    first: Stage
    second: Stage
    drop_below: float
    add_above: float

    def probabilities(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Body probability per unit, and the stage-two inputs that produced it (for reasons)."""
        both = second_stage_inputs(x, sigmoid(self.first.logits(x)))
        return sigmoid(self.second.logits(both)), both

    def reason(self, row: np.ndarray, probability: float) -> str:
        """The strongest signals against a unit, as a person reads them."""
        names = FEATURE_NAMES + CONTEXT_NAMES
        pulls = self.second.contributions(row)
        # A signal that is absent (a line that is not a bullet) explains nothing to a reader.
        order = np.argsort(pulls)
        worst = [j for j in order if pulls[j] < 0 and row[j] != 0][:_REASON_SIGNALS] or list(order[:1])
        said = ", ".join(f"{names[j]} {_level(row[j], self.second.mean[j])}" for j in worst)
        return f"line model: {probability:.0%} body ({said})"

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "features": list(FEATURE_NAMES),
            "first": self.first.to_dict(),
            "second": self.second.to_dict(),
            "drop_below": self.drop_below,
            "add_above": self.add_above,
        }


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def second_stage_inputs(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The unit features plus its neighbours' stage-one scores."""
    n = len(p)
    pad = np.concatenate([np.zeros(_CONTEXT_UNITS), p, np.zeros(_CONTEXT_UNITS)])
    windows = np.lib.stride_tricks.sliding_window_view(pad, 2 * _CONTEXT_UNITS + 1)[:n]
    above, below = windows[:, :_CONTEXT_UNITS], windows[:, _CONTEXT_UNITS + 1 :]
    context = np.column_stack(
        [
            p,
            above[:, -1],
            below[:, 0],
            (above.sum(axis=1) + below.sum(axis=1)) / (2 * _CONTEXT_UNITS),
            above.max(axis=1),
            below.max(axis=1),
        ]
    )
    return np.hstack([x, context])


def _level(value: float, mean: float) -> str:
    if value in (0.0, 1.0) and 0.0 < mean < 1.0:
        return "yes" if value else "no"
    return "high" if value > mean else "low"


@cache
def load(path: Path = MODEL_PATH) -> LineModel:
    """The shipped model, checked against the features this code computes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or tuple(data.get("features", ())) != FEATURE_NAMES:
        raise ValueError(f"{path.name} was trained for other features: retrain with bench/train_clean.py")
    stages = Stage.from_dict(data["first"]), Stage.from_dict(data["second"])
    return LineModel(*stages, float(data["drop_below"]), float(data["add_above"]))
