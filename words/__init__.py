"""Words about numbers: money, counts, lists, plurals, dates, slugs, and data text made
safe for a chart's label. The one home of these (no layer writes its own); no streamlit.

Built on Babel: every function that writes a number, a list or a date takes `locale`, so
a second language is a different `locale`, not different code. English is
British English, the language of the plans' texts: "a, b and c" (no serial comma) and
"5 March 2026". The few English words outside Babel's reach ("unknown", "about ...",
the nouns given to `plural`) come from the interface's catalog (words/i18n.py); with no
`locale` given, each function writes for the language in use.

An unknown value (None, <NA>, NaN) is written as unknown, never as 0.
"""

from __future__ import annotations

import datetime as dt
import html
import locale as pylocale
import re
import sys
import unicodedata
from collections.abc import Iterable

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, get_decimal_symbol, get_group_symbol

from words.i18n import N_, Said, _, in_language, language, pgettext
from words.i18n import locale as current_locale

ENGLISH = "en_GB"

UNKNOWN = N_("unknown")  # translated where it is written (unknown())

# Longest data text a chart shows in a label or a hover (a title, a name): longer text is
# cut with "…" so that a 100 kB title cannot swamp a chart; the tables keep it whole.
LONG_TEXT = 300

_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


# --- known or not ------------------------------------------------------------------------


def _is_na(value) -> bool:
    """pandas' <NA>, without loading pandas: a value can only be <NA> once pandas is loaded
    (the command line's words need no pandas)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def is_known(value) -> bool:
    """False for None, <NA> and NaN (a table's empty cell); True for anything else."""
    if value is None or _is_na(value):
        return False
    try:
        return bool(value == value)
    except TypeError:
        return True


def is_flag(value) -> bool:
    """True for a true flag; False for false, None, <NA> and NaN (a table's empty cell)."""
    if value is None or _is_na(value) or (isinstance(value, float) and value != value):
        return False
    return bool(value)


# --- numbers -------------------------------------------------------------------------------


def _decimals(places: int) -> str:
    return "0" + ("." + "0" * places if places else "")


def number(value, locale: str | None = None) -> str:
    """1234 -> '1,234'; 2.5 -> '2.5' (a whole number without decimals, else one decimal);
    unknown -> 'unknown'."""
    locale = locale or current_locale()
    if not is_known(value):
        return _(UNKNOWN)
    value = float(value)
    return format_decimal(value, format="#,##" + _decimals(0 if value.is_integer() else 1), locale=locale)


def separators(locale: str | None = None) -> str:
    """The decimal mark, then the thousands separator, of the language in use: '.,' in
    English, ',\u202f' in French (what plotly's `layout.separators` takes)."""
    locale = locale or current_locale()
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def format_language(locale: str | None = None) -> str:
    """The language tag of an Excel/PowerPoint number format (`[$-40C]` for French): without
    it LibreOffice draws a format's separators its own way ("48,500 €" in a French deck);
    PowerPoint reads the tag too. The Windows language id comes from the standard library's
    table (the lowest id of the language when the locale names no country: fr -> fr_FR)."""
    name = str(Locale.parse(locale or current_locale()))
    ids = pylocale.windows_locale  # {0x040C: "fr_FR", ...}
    exact = [code for code, tag in ids.items() if tag == name]
    near = sorted(code for code, tag in ids.items() if tag.split("_")[0] == name.split("_")[0])
    found = exact or near
    return f"[$-{found[0]:X}]" if found else ""


def euro_format_code(locale: str | None = None) -> str:
    """An Excel/PowerPoint number format for whole euros in the language: the sign where
    the language puts it and the language's tag ('[$-409]"€"#,##0' in English,
    '[$-40C]#,##0 "€"' in French), so that the separators are the language's in
    LibreOffice as well as in PowerPoint."""
    locale = locale or current_locale()
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    before = pattern.index("¤") < pattern.index("#" if "#" in pattern else "0")
    code = '"€"#,##0' if before else '#,##0\u00a0"€"'
    return format_language(locale) + code


def euros(value, locale: str | None = None, *, cents: bool = False) -> str:
    """12345.0 -> '€12,345' ('12 345 €' in French); with `cents`, 0.9669 -> '€0.97';
    None, <NA> or NaN -> 'unknown' (never €0)."""
    locale = locale or current_locale()
    if not is_known(value):
        return _(UNKNOWN)
    # The locale's own currency pattern (where the sign goes, which spaces), whole euros
    # unless cents are asked for.
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    pattern = re.sub(r"0\.0+", _decimals(2 if cents else 0), pattern)
    return format_currency(float(value), "EUR", format=pattern, locale=locale, currency_digits=False)


def inhabitants(value, approximate=False, locale: str | None = None) -> str:
    """20684 -> '20,684'; a figure its source gives as approximate -> 'about 16,770';
    unknown -> 'unknown'."""
    locale = locale or current_locale()
    if not is_known(value):
        return _(UNKNOWN)
    figure = format_decimal(float(value), format="#,##0", locale=locale)
    return _("about {figure}").format(figure=figure) if is_flag(approximate) else figure


def number_word(n: int) -> str:
    """3 -> 'three'; 0 -> 'no'; numbers above ten stay digits. In English only: in another
    language the digits (a sentence there is written around them)."""
    if language() != "en":
        return format_decimal(n, locale=current_locale())
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, singular: str, plural: str | None = None, locale: str | None = None) -> str:
    """(1, 'plan action') -> '1 plan action'; (3, 'plan action') -> '3 plan actions';
    (2, 'city', 'cities') -> '2 cities'. Which form a count takes is the locale's rule
    (in French 0 takes the singular)."""
    locale = locale or current_locale()
    form = Locale.parse(locale).plural_form(abs(n))
    word = singular if form == "one" else (plural or singular + "s")
    return f"{format_decimal(n, locale=locale)} {word}"


# --- lists ---------------------------------------------------------------------------------


def and_list(items: Iterable[str], locale: str | None = None) -> str:
    """['a'] -> 'a'; ['a', 'b'] -> 'a and b'; ['a', 'b', 'c'] -> 'a, b and c'; [] -> ''."""
    locale = locale or current_locale()
    items = [str(item) for item in items]
    return format_list(items, locale=locale) if items else ""


# --- names of places ------------------------------------------------------------------------


def country(name, locale: str | None = None) -> str:
    """A country the data names in English, in the language in use: 'Italy' -> 'Italie' in
    French (Babel's names of the world's territories). A name Babel does not know (a typo, a
    region) is shown as the data writes it; unknown -> ''."""
    if not is_known(name):
        return ""
    code = _english_territories().get(str(name).strip().casefold())
    if code is None:
        return str(name)
    return Locale.parse(locale or current_locale()).territories.get(code, str(name))


def _english_territories() -> dict[str, str]:
    """'italy' -> 'IT': every territory Babel names in English, by its name."""
    if not _TERRITORIES:
        found = {name.casefold(): code for code, name in Locale.parse(ENGLISH).territories.items()}
        _TERRITORIES.update(found)
    return _TERRITORIES


_TERRITORIES: dict[str, str] = {}


def parts(items: Iterable) -> str:
    """The parts of one sentence, each in the language in use, joined the language's way:
    'a; b' ('a ; b' in French, with its no-break space). A part made before anyone read it
    (a Said: a data problem, a repair) is said in the reader's language."""
    return pgettext("between the parts of a sentence", "; ").join(
        in_language(item) if isinstance(item, Said) else str(item) for item in items
    )


# --- dates ---------------------------------------------------------------------------------


def day(date: dt.date | dt.datetime, locale: str | None = None) -> str:
    """A date as people read it: 2026-03-05 -> '5 March 2026' ('5 mars 2026' in French)."""
    locale = locale or current_locale()
    return format_date(date, format="long", locale=locale)


def moment(when: dt.datetime, locale: str | None = None) -> str:
    """A time of saving, in UTC: '5 March 2026, 14:07 UTC'."""
    locale = locale or current_locale()
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return f"{day(when, locale)}, {format_time(when, format='HH:mm', locale=locale)} UTC"


# --- text ----------------------------------------------------------------------------------


def clipped(text: str, limit: int = LONG_TEXT) -> str:
    """`text` cut to `limit` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_text(value) -> str:
    """Data text made safe for a plotly label or hover: shown as typed, never read as markup
    (plotly reads a few HTML tags: <b>, <i>, <a>...). Unknown -> ''."""
    return "" if value is None or _is_na(value) else html.escape(str(value), quote=False)


def slug(text: str, limit: int | None = None) -> str:
    """An id or a file name from a title: 'Jumilla news, 2025' -> 'jumilla-news-2025'
    (letters without accents, digits and dashes; at most `limit` characters)."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    made = "-".join(re.findall(r"[a-z0-9]+", plain.lower()))
    return made if limit is None else made[:limit].strip("-")
