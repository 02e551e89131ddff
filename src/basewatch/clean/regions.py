"""Where the main text is: gap-limited blocks of prose, the heaviest one and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from basewatch.clean.units import SENTENCE_END_RE, Unit

# Non-prose units tolerated between two prose units of one block (embedded image, ad, subhead).
BLOCK_MAX_GAP_UNITS = 6
# A neighbouring block joins the main one when it is this close and mostly prose.
JOIN_MAX_GAP_UNITS = 15
JOIN_MIN_PURITY = 0.6
JOIN_MIN_SHARE = 0.08
JOIN_MIN_ADJACENCY = 0.5
# An article head (byline, date, heading) this close above a block multiplies its score.
HEAD_LOOKBACK_UNITS = 6
HEAD_BOOST = 2.0
# How much a block loses when none of its paragraphs follow one another directly.
TEASER_PENALTY = 0.6
# A paragraph this long, at most this many units from the block edge, extends it.
EXTEND_MAX_UNITS = 3
EXTEND_MIN_WEIGHT = 15
# Items of a list announced by a colon at the end of the main text.
LIST_MAX_UNITS = 60

LIST_ITEM = "list item announced by the text"


@dataclass
class _Block:
    start: int  # unit index of first prose unit
    end: int  # unit index of last prose unit
    prose: float  # weight of prose units inside
    total: float  # weight of all units inside

    @property
    def purity(self) -> float:
        return self.prose / self.total if self.total else 0.0


def _blocks(units: list[Unit]) -> list[_Block]:
    """Gap-limited runs of prose: a new block starts after too many non-prose units.

    A brief with no paragraph long enough to count as prose is built from the shorter sentences.
    """
    anchors = ("good",) if any(u.kind == "good" for u in units) else ("good", "near")
    blocks: list[_Block] = []
    gap = 0
    for i, unit in enumerate(units):
        if unit.kind not in anchors:
            gap += unit.kind in ("bad", "short")
            continue
        if blocks and gap <= BLOCK_MAX_GAP_UNITS:
            blocks[-1].end = i
        else:
            blocks.append(_Block(i, i, 0.0, 0.0))
        gap = 0
    for block in blocks:
        span = units[block.start : block.end + 1]
        block.prose = sum(u.weight for u in span if u.kind in ("good", "near"))
        block.total = sum(u.weight for u in span)
    return blocks


def select(units: list[Unit]) -> set[int]:
    """Unit indexes inside the main text: the heaviest block and the prose-like blocks near it."""
    blocks = _blocks(units)
    if not blocks:
        return set()
    best = max(range(len(blocks)), key=lambda b: _block_score(units, blocks[b]))
    chosen = [best]
    for direction in (-1, 1):
        current = best
        nxt = best + direction
        while 0 <= nxt < len(blocks) and _joins(units, blocks, current, nxt, blocks[best]):
            chosen.append(nxt)
            current, nxt = nxt, nxt + direction
    start = _extend(units, min(blocks[b].start for b in chosen), -1)
    end = _announced_list(units, _extend(units, max(blocks[b].end for b in chosen), 1))
    return set(range(start, _closing_line(units, start, end) + 1))


def _closing_line(units: list[Unit], start: int, end: int) -> int:
    """Take in a short sentence that closes a one-paragraph text ("It opens at nine."); after a longer
    article such a line is a credit ("Editing by …") as often as text."""
    last = len(units) - 1
    closing = units[last]
    if start == end and end + 1 == last and closing.kind in ("short", "near") and SENTENCE_END_RE.search(closing.text):
        return last
    return end


def _announced_list(units: list[Unit], end: int) -> int:
    """Take in a list that the text announces with a colon ("Tour dates:") right after the block."""
    window = [i for i in range(end, min(end + 3, len(units))) if units[i].kind != "bad"]
    intro = next((i for i in window if units[i].text.endswith(":")), None)
    if intro is None:
        return end
    last = intro
    while last + 1 < len(units) and units[last + 1].kind != "bad" and last - intro < LIST_MAX_UNITS:
        last += 1
        units[last].reason = LIST_ITEM
    return last


def _extend(units: list[Unit], edge: int, direction: int) -> int:
    """Move a block edge over neighbouring paragraphs that are prose but missed the bar.

    A paragraph without a full stop, or a lead just under the length bar, sits right next to the
    block; anything judged boilerplate in between stops the extension.
    """
    while True:
        reach = [edge + direction * k for k in range(1, EXTEND_MAX_UNITS + 1)]
        step = next(
            (i for i in reach if 0 <= i < len(units) and units[i].kind in ("near", "good")),
            None,
        )
        if step is None or units[step].weight < EXTEND_MIN_WEIGHT:
            return edge
        if any(units[i].kind == "bad" for i in range(min(edge, step) + 1, max(edge, step))):
            return edge
        edge = step


def _block_score(units: list[Unit], block: _Block) -> float:
    """Prose weight, discounted for mixed blocks and raised when an article head precedes it.

    Related-story cards and footers can outweigh a short article; a headline, byline or date
    just above a block is the page's own statement that the article starts there.
    """
    score = block.prose * block.purity * (1 - TEASER_PENALTY * (1 - _adjacency(units, block)))
    head = units[max(0, block.start - HEAD_LOOKBACK_UNITS) : block.start]
    if any(u.reason in ("byline", "date or timestamp") or u.marker == "heading" for u in head):
        score *= HEAD_BOOST
    return score


def _adjacency(units: list[Unit], block: _Block) -> float:
    """Share of prose units followed directly by prose: high in articles, low in teaser lists,
    where every blurb sits between its own headline, author and date lines."""
    steps = direct = 0
    previous_prose = False
    for unit in units[block.start : block.end + 1]:
        prose = unit.kind in ("good", "near")
        if previous_prose:
            steps += 1
            direct += prose
        previous_prose = prose
    return direct / steps if steps else 1.0


def _joins(units: list[Unit], blocks: list[_Block], current: int, candidate: int, best: _Block) -> bool:
    a, b = sorted((blocks[current], blocks[candidate]), key=lambda x: x.start)
    gap_units = sum(1 for u in units[a.end + 1 : b.start] if u.kind in ("bad", "short"))
    other = blocks[candidate]
    return (
        gap_units <= JOIN_MAX_GAP_UNITS
        and other.purity >= JOIN_MIN_PURITY
        and other.prose >= JOIN_MIN_SHARE * best.prose
        and _adjacency(units, other) >= JOIN_MIN_ADJACENCY
    )


def smooth(units: list[Unit], keep: set[int]) -> None:
    """Inside the main text, drop runs of headline-like lines (related links, tickers)."""
    run: list[int] = []
    for i in sorted(keep) + [len(units)]:
        unit = units[i] if i < len(units) else None
        headline_like = (
            unit is not None
            and unit.kind in ("short", "near")
            and unit.reason != LIST_ITEM
            and not SENTENCE_END_RE.search(unit.text)
        )
        if headline_like:
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                units[j].kind, units[j].reason = "bad", "run of headline-like lines (links or ticker)"
        run = []
