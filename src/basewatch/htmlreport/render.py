"""The report page: Jinja2 with autoescape on, one self-contained file, a strict Content-Security-Policy.

The page loads nothing and runs nothing: `default-src 'none'` forbids every fetch, script and frame,
and the one inline stylesheet is allowed by its sha256 hash (no 'unsafe-inline'), so neither markup
smuggled into article text nor a `style=` attribute can take effect even if escaping were bypassed.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined

from basewatch import __version__


@cache
def _environment() -> Environment:
    # autoescape=True rather than select_autoescape: the templates end in .j2, which it would skip.
    env = Environment(
        loader=PackageLoader("basewatch.htmlreport", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = lambda value: (value or "")[:16].replace("T", " ")
    return env


@cache
def stylesheet() -> str:
    return files("basewatch.htmlreport").joinpath("static", "report.css").read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"


def page(stories: list[dict], database: str, command: str) -> str:
    """The whole HTML document for one or more stories (an index links to each when there are several)."""
    css = stylesheet()
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            stories=stories,
            css=css,
            csp=content_security_policy(css),
            version=__version__,
            database=database,
            command=command,
            symbols={"report": "●", "retelling": "◐", "copy": "○"},
        )
    )
