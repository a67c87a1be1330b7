"""words/: the one home of words about numbers, in English by default and in any locale
Babel knows (French here) without a change of code."""

import datetime as dt
import math

import pandas as pd
import pytest

from words import (
    and_list,
    clipped,
    day,
    euros,
    inhabitants,
    is_flag,
    is_known,
    label_text,
    moment,
    number,
    number_word,
    plural,
    slug,
)

UNKNOWNS = [None, pd.NA, float("nan"), math.nan]


@pytest.mark.parametrize("value", UNKNOWNS)
def test_unknown_is_written_unknown_never_zero(value):
    assert euros(value) == "unknown"
    assert euros(value, locale="fr") == "unknown"
    assert inhabitants(value) == "unknown"
    assert inhabitants(value, approximate=True) == "unknown"
    assert number(value) == "unknown"
    assert not is_known(value) and not is_flag(value)


def test_euros_in_english():
    assert euros(12345) == "€12,345"
    assert euros(12345.0) == "€12,345"
    assert euros(0) == "€0"  # a known zero stays zero
    assert euros(9800.4) == "€9,800"
    assert euros(0.9669, cents=True) == "€0.97"
    assert euros(1234567) == "€1,234,567"


def test_euros_in_french_is_babels_french():
    # Babel's French: a narrow no-break space between thousands, the sign after a no-break space.
    assert euros(12345, locale="fr") == "12\u202f345\u00a0€"
    assert euros(0.5, locale="fr", cents=True) == "0,50\u00a0€"


def test_inhabitants_and_numbers():
    assert inhabitants(20684) == "20,684"
    assert inhabitants(16770, approximate=True) == "about 16,770"
    assert inhabitants(16770, approximate=pd.NA) == "16,770"
    assert inhabitants(20684, locale="fr") == "20\u202f684"
    assert number(1234) == "1,234" and number(1234.0) == "1,234" and number(2.5) == "2.5"
    assert number(2.5, locale="fr") == "2,5"


def test_plural():
    assert plural(1, "plan action") == "1 plan action"
    assert plural(3, "plan action") == "3 plan actions"
    assert plural(0, "plan action") == "0 plan actions"
    assert plural(2, "city", "cities") == "2 cities" and plural(1, "city", "cities") == "1 city"
    assert plural(1200, "action") == "1,200 actions"
    # The locale's rule picks the form: French counts 0 as singular.
    assert plural(0, "action", locale="fr") == "0 action"
    assert plural(2, "action", locale="fr") == "2 actions"


def test_and_list():
    assert and_list([]) == ""
    assert and_list(["a"]) == "a"
    assert and_list(["a", "b"]) == "a and b"
    assert and_list(["a", "b", "c"]) == "a, b and c"  # British English: no serial comma
    assert and_list(iter(["Fót", "Serres"])) == "Fót and Serres"
    assert and_list(["a", "b", "c"], locale="fr") == "a, b et c"


def test_dates_as_people_read_them():
    assert day(dt.date(2026, 3, 5)) == "5 March 2026"
    assert day(dt.date(2026, 3, 5), locale="fr") == "5 mars 2026"
    when = dt.datetime(2026, 3, 5, 14, 7, tzinfo=dt.UTC)
    assert moment(when) == "5 March 2026, 14:07 UTC"
    # Another zone is told in UTC.
    assert moment(when.astimezone(dt.timezone(dt.timedelta(hours=2)))) == "5 March 2026, 14:07 UTC"


def test_number_words():
    assert number_word(0) == "no" and number_word(3) == "three" and number_word(12) == "12"


def test_text():
    assert label_text("<b>Café & co</b>") == "&lt;b&gt;Café &amp; co&lt;/b&gt;"
    assert label_text('"quoted"') == '"quoted"'
    assert label_text(None) == "" and label_text(pd.NA) == "" and label_text(3) == "3"
    assert clipped("short") == "short"
    assert clipped("a" * 10, 5) == "aaaa…"
    assert slug("Tønder news, 2025 - Škofja Loka!") == "tnder-news-2025-skofja-loka"
    assert slug("Jumilla news, 2025") == "jumilla-news-2025"
    assert slug("word " * 30, limit=12) == "word-word-wo"
    assert slug("Municipality of Isernia") == "municipality-of-isernia"
