"""Score `basewatch diff` on half of a gold-labelled stories corpus, with the team's own scorer.

    python scripts/score_diff_half.py even   # the events at even positions (sorted by name): develop on these
    python scripts/score_diff_half.py odd    # the others: check on these before trusting a figure
    python scripts/score_diff_half.py odd --stories ../shared/corpus/stories-dev --scorer ../shared/tools/score_diff.py

The chosen events and their gold are linked into a temporary folder laid out as the scorer expects
(STORIES/ and STORIES-gold/), so the figures are the scorer's own, on that half only. Extra arguments
after `--` go to the scorer (`-- -q`). Needs `basewatch` on PATH, as the scorer does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("half", choices=("even", "odd"))
    ap.add_argument("--stories", type=Path, default=SHARED / "corpus" / "stories-dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_diff.py")
    ap.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for the scorer, after --")
    args = ap.parse_args()
    gold = args.stories.parent / f"{args.stories.name}-gold"
    events = sorted(p.stem for p in gold.glob("*.json") if (args.stories / p.stem / "manifest.json").is_file())
    chosen = events[0::2] if args.half == "even" else events[1::2]
    with tempfile.TemporaryDirectory() as tmp:
        stories, half_gold = Path(tmp) / "stories", Path(tmp) / "stories-gold"
        stories.mkdir()
        half_gold.mkdir()
        for event in chosen:
            (stories / event).symlink_to((args.stories / event).resolve())
            (half_gold / f"{event}.json").symlink_to((gold / f"{event}.json").resolve())
        rest = [a for a in args.rest if a != "--"]
        return subprocess.run([sys.executable, str(args.scorer), str(stories), *rest]).returncode


if __name__ == "__main__":
    sys.exit(main())
