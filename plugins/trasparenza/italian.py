"""Italian for the reader, one helper each: numbers («1.000,5»), sizes of files («12,4 kB»), quantities («1 errore», «2 errori») and the
article before a number («gli 11», «dei 12»)."""

from __future__ import annotations

from decimal import Decimal


def number(value: float, decimals: int | None = None, *, grouping: bool = True, exact: bool = False) -> str:
    """A number in Italian: «1.000,5», «12.000», «0,75». ``decimals``: how many (None: those the value has,
    at most two); ``grouping``: thousands separated by «.»; ``exact``: every digit the value has, no
    exponent («0,000001»)."""
    if exact:
        if float(value).is_integer():
            return str(int(value))
        return format(Decimal(repr(float(value))), "f").replace(".", ",")
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(2, len(repr(float(value)).split(".")[1]))
    text = f"{abs(value):{',' if grouping else ''}.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 and text.strip("0,.") else "") + text


def size(count: int) -> str:
    """«812 byte», «12,4 kB», «1,2 MB» (decimal units, as browsers show downloads)."""
    if count < 1000:
        return f"{count} byte"
    value, unit = (count / 1000, "kB") if count < 1_000_000 else (count / 1_000_000, "MB")
    return f"{number(value, 1, grouping=False)} {unit}"


def quantity(count: float, singular: str, plural: str, shown: str | None = None) -> str:
    """«1 errore», «2 errori», «2,5 punti percentuali»: the number (or how it is ``shown``) and its noun."""
    return f"{shown or number(count)} {singular if count == 1 else plural}"


_ARTICLES = {"": ("i", "gli"), "di": ("dei", "degli"), "a": ("ai", "agli"), "da": ("dai", "dagli"),
             "in": ("nei", "negli"), "su": ("sui", "sugli")}


def plural_article(count: int, preposition: str = "") -> str:
    """The masculine plural article before a number, as the number is read: «i 12», «gli 11», «degli 8»,
    «negli 80» (undici, otto, ottanta… begin with a vowel), with its preposition («di» → «dei»/«degli»)."""
    lead = f"{abs(count):,}".split(",")[0]  # the leading group is what is read first: 11.000 → «undicimila»
    vowel = lead.startswith("8") or lead == "11"
    return _ARTICLES[preposition][vowel]
