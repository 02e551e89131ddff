"""Re-run the README's console examples and write what they print back into it.

    python scripts/readme_examples.py          # rewrite README.md
    python scripts/readme_examples.py --check  # exit 1 if the README no longer matches the commands

Every ```console block is a session: each `$ command` line runs in a fresh copy of `data/` with a new
database (shared by all blocks, in README order), and the lines up to the next command are replaced
by what it printed, stdout and stderr together, at a 110-column terminal width (trailing blanks cut).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COLUMNS = "110"
_CONSOLE_BLOCK_RE = re.compile(r"(```console\n)(.*?)(```)", re.S)


def regenerate(readme: str, run: Callable[[str], str]) -> str:
    def block(match: re.Match) -> str:
        lines = []
        for line in match[2].splitlines():
            if line.startswith("$ "):
                lines.append(line)
                lines.extend(printed.rstrip() for printed in run(line[2:]).rstrip("\n").splitlines())
        return match[1] + "\n".join(lines) + "\n" + match[3]

    return _CONSOLE_BLOCK_RE.sub(block, readme)


_TIMESTAMP_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def same_apart_from_times(a: str, b: str) -> bool:
    """Equal but for the times of day the examples ran at (edits are logged with theirs)."""
    return _TIMESTAMP_RE.sub("<time>", a) == _TIMESTAMP_RE.sub("<time>", b)


def runner(workdir: Path) -> Callable[[str], str]:
    shutil.copytree(ROOT / "data", workdir / "data")
    env = {
        **os.environ,
        "BASEWATCH_DB": str(workdir / "basewatch.db"),
        "COLUMNS": COLUMNS,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }

    def run(command: str) -> str:
        done = subprocess.run(
            command, shell=True, cwd=workdir, env=env, capture_output=True, text=True, check=False
        )  # the README's own commands, pipes included
        return done.stdout + done.stderr

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the README is up to date")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = regenerate(current, runner(Path(tmp)))
    if args.check:
        if not same_apart_from_times(fresh, current):
            print("README.md examples differ from what the commands print: run scripts/readme_examples.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
