"""A deterministic synthetic news corpus for benchmarks, built like the dedup dev set.

    python bench/generate.py --n 10000 --out /tmp/corpus        # one .txt per article + gold.jsonl
    python bench/generate.py --n 200000 --jsonl /tmp/c.jsonl    # JSON Lines {id, text, outlet} + gold
    python bench/generate.py --feed --n 10000 --out /tmp/feed   # a wire feed: each story on 50-200 sites

Stories are written from a seeded pseudo-word vocabulary (so unrelated stories share function
words and stock phrases, never whole passages). Each story has an original and 0-6 syndicated
copies by other outlets: new headline and outlet boilerplate, trims, briefs, light edits, borrowed
paragraphs, or a combination, plus same-event reports written independently. Half the articles are
page dumps with the outlet's menus, ticker, share widgets, related links and footer; the rest are
plain saves with a byline and a date. Memory stays flat: articles stream out as they are made.

A feed (`--feed`) is what an aggregator receives: a few wire stories running at once, each
republished by 50-200 of 250 sites, interleaved. Each wire story states one figure in its lead
("Officials said 37 people were evacuated ...") and an update part of the sites carry revises it:
the story's one disagreement, which `diff` should list once with the sites carrying each side. A
few outlets report the same event independently, in their own words, citing the first figure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = (
    "ka lo mi ren sa tor vel an is ur ba dek fi gon hal jor ke lun mar nis ol pen quo ras sul tem vid wex yar zol"
)
SYLLABLES = SYLLABLES.split()
FUNCTION = "the of and to in on for with at by from as that this its their".split()
VERBS = "said announced confirmed warned reported denied claimed stated added noted".split()
PROFILES = ["headline_boiler", "trim", "heavy_trim", "light_edit", "added_paras", "combo"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()
# The one figure of a wire story, in plain English so claims and conflicts read it as a count.
COUNTED = "people residents workers passengers families homes vehicles buildings".split()
ACTS = "evacuated injured rescued relocated displaced stranded".split()
FEED_SITES = 250
FEED_COPIES = (50, 200)
FEED_CONCURRENT = 4


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    cluster: str
    profile: str
    text: str
    body: str  # the article text without page chrome, for benchmarks of the dedupe step alone
    story: str = ""  # the event: the original, its copies and the independent report share it


class Generator:
    """Articles in a reproducible order for a seed; any N without holding the corpus in memory."""

    def __init__(self, seed: int = 1, outlets: int = 80, vocabulary: int = 30_000):
        rng = random.Random(seed)
        self.seed = seed
        self.words = self._vocabulary(rng, vocabulary)
        self.names = [w.title() for w in self._vocabulary(rng, vocabulary // 3)]
        self.outlets = [self._outlet(rng, i) for i in range(outlets)]

    @staticmethod
    def _vocabulary(rng: random.Random, size: int) -> list[str]:
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        return sorted(words)

    def _outlet(self, rng: random.Random, index: int) -> dict:
        name = f"The {rng.choice(self.names)} {rng.choice(['Times', 'Post', 'Herald', 'Ledger', 'Daily', 'Wire'])}"
        menu = [rng.choice(self.words).title() for _ in range(rng.randint(6, 14))]
        return {"name": name, "menu": menu, "tag": f"{name} · news since {1900 + index}"}

    def articles(self, n: int) -> Iterator[Article]:
        rng = random.Random(self.seed * 7919)
        made = 0
        story = 0
        while made < n:
            for article in self._story(rng, story):
                yield article
                made += 1
                if made >= n:
                    return
            story += 1

    def _story(self, rng: random.Random, story: int) -> Iterator[Article]:
        names = rng.sample(self.names, 6)
        base = self._paragraphs(rng, names, rng.randint(4, 9))
        headline = self._sentence(rng, names, ending="")
        origin = rng.randrange(len(self.outlets))
        cluster = f"s{story}"
        yield self._render(rng, f"{cluster}-0", origin, cluster, "original", headline, base)
        for copy in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 6])):
            profile = rng.choice(PROFILES)
            outlet = (origin + 1 + rng.randrange(len(self.outlets) - 1)) % len(self.outlets)
            body = self._mutate(rng, profile, base, names)
            title = self._sentence(rng, names, ending="")
            yield self._render(rng, f"{cluster}-{copy + 1}", outlet, cluster, profile, title, body)
        if rng.random() < 0.3:  # the same event reported independently: shares the names, not the text
            independent = self._paragraphs(rng, names, rng.randint(3, 7))
            outlet = rng.randrange(len(self.outlets))
            yield self._render(rng, f"{cluster}-i", outlet, f"{cluster}i", "independent", headline, independent)

    def feed(self, n: int) -> Iterator[Article]:
        """A wire feed of `n` articles: a few stories at a time, their copies interleaved."""
        rng = random.Random(self.seed * 104729)
        running: list[Iterator[Article]] = []
        made = story = 0
        while made < n:
            while len(running) < FEED_CONCURRENT:
                running.append(self._wire_story(rng, story))
                story += 1
            pick = rng.randrange(len(running))
            article = next(running[pick], None)
            if article is None:
                running.pop(pick)
                continue
            yield article
            made += 1

    def _wire_story(self, rng: random.Random, story: int) -> Iterator[Article]:
        names = rng.sample(self.names, 6)
        base = self._paragraphs(rng, names, rng.randint(4, 8))
        headline = self._sentence(rng, names, ending="")
        figure, place = rng.randint(12, 900), rng.choice(names)
        counted, act, day = rng.choice(COUNTED), rng.choice(ACTS), rng.choice(WEEKDAYS)
        source = f"{rng.choice(names)} {rng.choice(names)}"
        versions = [figure, figure + rng.randint(3, 60)]  # the first report, and the update

        def lead(value: int) -> str:
            return f"{source} said {value} {counted} were {act} in {place} on {day}."

        cluster = f"w{story}"
        sites = rng.sample(range(len(self.outlets)), rng.randint(*FEED_COPIES))
        updated = rng.uniform(0.2, 0.6)
        for copy, outlet in enumerate(sites):
            version = versions[copy > 0 and rng.random() < updated]
            profile = "original" if copy == 0 else rng.choice(["headline_boiler", "trim", "added_paras"])
            body = base if copy == 0 else self._mutate(rng, profile, base, names)
            title = headline if copy == 0 else self._sentence(rng, names, ending="")
            yield self._render(rng, f"{cluster}-{copy}", outlet, cluster, profile, title, [lead(version), *body])
            if rng.random() < 0.01:  # now and then an outlet writes the event up itself
                own = self._paragraphs(rng, names, rng.randint(3, 6))
                article_id = f"{cluster}-i{copy}"
                yield self._render(rng, article_id, rng.randrange(len(self.outlets)), article_id.replace("-", ""),
                                   "independent", headline, [lead(versions[0]), *own], story=cluster)  # fmt: skip

    def _sentence(self, rng: random.Random, names: list[str], ending: str = ".") -> str:
        words = []
        for _ in range(rng.randint(9, 22)):
            pick = rng.random()
            if pick < 0.3:
                words.append(rng.choice(FUNCTION))
            elif pick < 0.4:
                words.append(rng.choice(names))
            elif pick < 0.45:
                words.append(str(rng.randint(2, 999)))
            else:
                words.append(rng.choice(self.words))
        if ending:
            words += [f", {rng.choice(names)}", rng.choice(VERBS), "on", rng.choice(WEEKDAYS)]
        text = " ".join(words).replace(" ,", ",")
        return text[0].upper() + text[1:] + ending

    def _paragraphs(self, rng: random.Random, names: list[str], count: int) -> list[str]:
        return [" ".join(self._sentence(rng, names) for _ in range(rng.randint(2, 4))) for _ in range(count)]

    def _mutate(self, rng: random.Random, profile: str, base: list[str], names: list[str]) -> list[str]:
        body = list(base)
        steps = rng.sample(["trim", "light_edit", "added_paras"], 2) if profile == "combo" else [profile]
        for step in steps:
            if step == "trim":
                body = body[: max(2, len(body) * 2 // 3)]
            elif step == "heavy_trim":
                body = body[: rng.randint(1, 2)]
            elif step == "light_edit":
                body = [self._edit(rng, p) for p in body]
            elif step == "added_paras":
                other = self._paragraphs(rng, rng.sample(self.names, 4), rng.randint(1, 3))
                body = body + other if rng.random() < 0.7 else body[:1] + other + body[1:]
        return body

    def _edit(self, rng: random.Random, paragraph: str) -> str:
        words = paragraph.split(" ")
        for _ in range(max(1, len(words) // 25)):
            i = rng.randrange(len(words))
            if words[i].islower():
                words[i] = rng.choice(self.words)
        return " ".join(words)

    def _render(self, rng, article_id, outlet_index, cluster, profile, headline, body, story=None) -> Article:
        outlet = self.outlets[outlet_index]
        date = f"{rng.randint(1, 28)} {rng.choice(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'])} 2026"
        byline = f"By {rng.choice(self.names)} {rng.choice(self.names)}"
        if rng.random() < 0.5:
            text = "\n\n".join([headline, byline, f"Published: {date}", *body]) + "\n"
        else:
            text = self._page(rng, outlet, headline, byline, date, body)
        story = story or article_id.split("-")[0]
        return Article(article_id, outlet["name"], cluster, profile, text, "\n\n".join(body), story)

    def _page(self, rng, outlet, headline, byline, date, body) -> str:
        ticker = [self._sentence(rng, rng.sample(self.names, 3), ending="") for _ in range(rng.randint(2, 4))]
        related = [self._sentence(rng, rng.sample(self.names, 3), ending="") for _ in range(rng.randint(2, 4))]
        lines = [outlet["name"], ""]
        lines += [f"  • {item}" for item in outlet["menu"]]
        lines += ["", "BREAKING", *ticker, "", headline, "", f"  • {byline}", f"  • {date}", "", "Share"]
        lines += ["  • Facebook", "  • X", "  • Email", ""]
        for i, paragraph in enumerate(body):
            lines += [paragraph, ""]
            if i == 1 and len(body) > 3:
                lines += ["Related News", "", *related[:2], ""]
        lines += ["Most Read", "", *related, "", outlet["tag"], f"© 2026 {outlet['name']}. All Rights Reserved"]
        lines += ["  • Privacy Policy", "  • Contact Us"]
        return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--feed", action="store_true", help="a wire feed: each story on 50-200 sites")
    ap.add_argument("--out", type=Path, help="folder for one .txt per article (and gold.jsonl)")
    ap.add_argument("--jsonl", type=Path, help="write JSON Lines {id, text, outlet} here instead")
    args = ap.parse_args()
    if not (args.out or args.jsonl):
        ap.error("give --out FOLDER or --jsonl FILE")
    write(articles(args.n, args.seed, args.feed), out=args.out, jsonl=args.jsonl)
    return 0


def articles(n: int, seed: int = 1, feed: bool = False) -> Iterator[Article]:
    """The benchmark corpus of `n` articles, or the wire feed."""
    return Generator(seed, outlets=FEED_SITES).feed(n) if feed else Generator(seed).articles(n)


def write(articles: Iterator[Article], out: Path | None = None, jsonl: Path | None = None) -> int:
    """Stream articles to files or JSON Lines, with a gold {id, cluster, story, profile} file beside them."""
    gold_path = (out / "gold.jsonl") if out else jsonl.with_suffix(".gold.jsonl")
    if out:
        out.mkdir(parents=True, exist_ok=True)
    count = 0
    with (
        gold_path.open("w", encoding="utf-8") as gold,
        jsonl.open("w", encoding="utf-8") if jsonl else _null() as lines,
    ):
        for article in articles:
            if out:
                (out / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
            else:
                lines.write(json.dumps({"id": article.id, "text": article.text, "outlet": article.outlet}) + "\n")
            truth = {"id": article.id, "cluster": article.cluster, "story": article.story, "profile": article.profile}
            gold.write(json.dumps(truth) + "\n")
            count += 1
    return count


class _null:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    sys.exit(main())
