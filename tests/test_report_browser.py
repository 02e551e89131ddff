"""The report in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run` installs)
loads the page of the sample story and of a hostile article, and dumps the DOM it ended with.

Chromium logs every console message, CSP violations included, to stderr with --enable-logging; a
control page that runs a script proves both the marker and the log reach this test.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FERRY, ROOT, Tags

SCREENSHOT = ROOT / "docs" / "report-sample.png"
SCREENSHOT_SIZE = (1000, 1500)
MARKER = "data-pwned"
PWN = f"document.body.setAttribute('{MARKER}','1')"
HOSTILE_TEXT = (
    f'<img src=x onerror="{PWN}">\n\n'
    f"Saltline said on Thursday that <script>{PWN}</script> the MV Albatross would sail again in April.\n\n"
    f'A spokesperson said passengers should read <a href="javascript:{PWN}">the notice</a> and '
    f"[the statement](javascript:{PWN}) before travelling.\n"
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no Chromium on this machine: `apt-get install -y chromium` (as .ci/run does) enables this test")
    return found


def _browse(page: Path, tmp_path: Path, *action: str) -> tuple[str, list[str]]:
    """Open `page` headless; return stdout and the console messages it logged."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    flags = [
        "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--hide-scrollbars",
        "--enable-logging=stderr", "--v=0",
    ]  # fmt: skip
    if os.geteuid() == 0:  # Chromium refuses to run as root inside its sandbox
        flags.append("--no-sandbox")
    done = subprocess.run(
        [_chromium(), *flags, *action, page.as_uri()], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def _report(invoke, path: Path) -> Path:
    result = invoke("report", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_sample_report_in_chromium(invoke, tmp_path, request):
    invoke("ingest", *FERRY, "-q")
    diff = json.loads(invoke("diff", "-f", "json").stdout)
    page = _report(invoke, tmp_path / "sample.html")
    dom, console = _browse(page, tmp_path, "--dump-dom")
    assert console == []  # no errors, no CSP violations, nothing logged at all
    parsed = Tags(dom)
    outlets = [o["outlet"] for o in diff["outlets"]]
    assert parsed.count("th", "outlet") == len(outlets) == 4
    unique_per_outlet = [sum(u["outlet"] == o for u in diff["unique"]) for o in outlets]
    assert parsed.count("tr", "fact") == len(diff["shared"]) + sum(min(6, n) for n in unique_per_outlet)
    assert parsed.count("article", "conflict") == len(diff["conflicts"])
    text = " ".join(" ".join(parsed.text).split())
    assert 'opposite stance: "deal is close" versus "stalled"' in text
    shot = SCREENSHOT if request.config.getoption("--update-goldens") else tmp_path / "sample.png"
    _browse(page, tmp_path, f"--window-size={SCREENSHOT_SIZE[0]},{SCREENSHOT_SIZE[1]}", f"--screenshot={shot}")
    assert _png_size(shot) == SCREENSHOT_SIZE


def test_hostile_article_runs_nothing(invoke, tmp_path):
    _chromium()
    article = {"text": HOSTILE_TEXT, "outlet": f"<script>{PWN}</script>", "title": f'<img src=x onerror="{PWN}">'}
    feed = tmp_path / "hostile.jsonl"
    feed.write_text(json.dumps(article) + "\n", encoding="utf-8")
    invoke("ingest", *FERRY, "-q")
    assert invoke("ingest", "--jsonl", str(feed), "-q").exit_code == 0
    dom, console = _browse(_report(invoke, tmp_path / "hostile.html"), tmp_path, "--dump-dom")
    assert MARKER not in dom.replace(f"'{MARKER}'", "")  # the payload's text may show, its effect may not
    assert console == []  # not even a blocked script: there was none to block
    text = "".join(Tags(dom).text)
    assert f"<script>{PWN}</script>" in text and "onerror=" in text and "javascript:" in text


def test_control_page_proves_the_marker_and_the_console_log_work(tmp_path):
    _chromium()
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><body><script>{PWN}; console.error('ran')</script></body>", encoding="utf-8")
    dom, console = _browse(control, tmp_path, "--dump-dom")
    assert f'{MARKER}="1"' in dom and any("ran" in line for line in console)


def test_committed_screenshot_is_the_size_the_test_makes():
    assert _png_size(SCREENSHOT) == SCREENSHOT_SIZE


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
