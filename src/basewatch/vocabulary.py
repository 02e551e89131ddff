"""English calendar, number and stance words, defined once for every step that reads dates, amounts
and how a negotiation stands."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
# Newsroom abbreviations, "Sept." among them (AP style).
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = {**MONTHS, **MONTH_ABBREVIATIONS}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MAGNITUDE_WORDS = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def alternation(words) -> str:
    """A regex alternation of the words, longest first so "sept" wins over "sep"."""
    return "|".join(sorted(words, key=len, reverse=True))


# How a negotiation stands, as regular-expression alternatives: one side says a deal is near, the
# other that talks stalled. Every phrase holds one of the hints, and most sentences hold none.
STANCE_HINTS = (
    "deal", "agree", "breakthrough", "stall", "deadlock", "impasse", "collapse",
    "broke", "broken", "dead end", "on hold",
)  # fmt: skip
STANCE_PROGRESS = (
    r"close to (?:a |an )?(?:deal|agreement)",
    r"near(?:ing|s)? (?:a |an )?(?:deal|agreement)",
    r"(?:deal|agreement) (?:is|was) (?:close|near|imminent)",
    r"(?:reach|reached|strike|struck|seal|sealed) (?:a |an )?(?:deal|agreement)",
    r"breakthrough",
)
STANCE_SETBACK = (
    r"stalled", r"stalling", r"deadlock(?:ed)?", r"impasse", r"collapsed", r"broke down", r"broken down",
    r"no deal", r"dead end", r"on hold",
)  # fmt: skip
