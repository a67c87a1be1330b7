"""The interface's language: which one is in use, and its words from a gettext catalog.

Every sentence, label and heading the dashboard, the deck and the reports show is written
in English in the code, wrapped in `_()` (or `ngettext()` for a count), and looked up here
in the catalog of the language in use: `locale/<language>/LC_MESSAGES/messages.po`. A
translator adds a language by filling one such file (`make catalog` makes it from
`locale/messages.pot`); nothing else names the languages, so the new file is offered in the
sidebar as soon as it exists. An entry left empty (or marked fuzzy) shows the English.

The language in use is a context variable: the app sets it for a whole script run from the
address (`?lang=fr`, `use_language`), the command line from `--lang`; outside both it is
English. The plans' own text (titles, descriptions) is data and stays in the language it
was entered in; the model's labels can be given per language in model.yaml.

`N_()` marks a text written where no language is known yet (a module's constant) for the
catalog; `_()` translates it where it is shown.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

# The catalogs: one folder per language; the template (messages.pot) beside them.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"

# The code's own language: its texts are the catalog's keys.
SOURCE_LANGUAGE = "en"

# The language each language's numbers, money and dates are written in when the catalog's
# folder names a language alone: English as written in Britain (the plans' English).
_REGION = {"en": "en_GB"}

_LANGUAGE: ContextVar[str] = ContextVar("interface_language", default=SOURCE_LANGUAGE)

# Languages made while the program runs from another one's catalog (the French check's copy of
# French whose every answer is marked, tests/screen_text.py): code -> (the language it speaks
# as: its locale, its words in model.yaml, the page's lang attribute; its catalog). A language
# of its own all the same, so nothing cached for it (tables, views: keyed by the language in
# use) is ever served to the language it copies, nor the other way round.
_MADE: dict[str, tuple[str, gettext_module.NullTranslations]] = {}


def _po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> tuple[str, ...]:
    """The languages offered: English, then every language with a catalog, in code order
    (then any made with add_language)."""
    return (*_catalog_languages(), *_MADE)


@functools.cache
def _catalog_languages() -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *[code for code in found if code != SOURCE_LANGUAGE])


def add_language(code: str, like: str, translations: gettext_module.NullTranslations) -> None:
    """Offer `code`, a language speaking as `like` does but whose texts come from
    `translations`, until remove_language(code)."""
    _MADE[code] = (like, translations)


def remove_language(code: str) -> None:
    _MADE.pop(code, None)


def written_as(code: str) -> str:
    """The language whose locale, model words and page attribute `code` uses: itself, or
    for a language made with add_language the one it was made like."""
    return _MADE[code][0] if code in _MADE else code


def language_name(code: str) -> str:
    """A language's name in its own words: 'English', 'français' (a made language: the name
    of the one it speaks as)."""
    code = written_as(code)
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def known_language(code: str | None) -> str:
    """`code` if a catalog exists for it, else English (an address with ?lang=xx still opens)."""
    code = (code or "").strip().replace("-", "_")
    return code if code in languages() else SOURCE_LANGUAGE


def language() -> str:
    """The language in use: 'en', 'fr'..."""
    return _LANGUAGE.get()


def locale() -> str:
    """The Babel locale numbers, money and dates are written in for the language in use."""
    code = written_as(language())
    return _REGION.get(code, code)


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Everything inside speaks `code` (English if it has no catalog); yields the code used."""
    token = _LANGUAGE.set(known_language(code))
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


@functools.cache
def _translations(code: str) -> gettext_module.NullTranslations:
    """The catalog of `code`, read from its .po file (compiled in memory: no .mo file to keep
    in step). Entries left empty or marked fuzzy are left out, so their English shows."""
    path = _po_path(code)
    if code == SOURCE_LANGUAGE or not path.is_file():
        return gettext_module.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    for message in list(catalog):
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            catalog.delete(message.id, context=message.context)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def _catalog(code: str) -> gettext_module.NullTranslations:
    return _MADE[code][1] if code in _MADE else _translations(code)


def gettext(message: str) -> str:
    """`message` in the language in use (the English itself when no translation exists).
    An empty text stays empty: gettext's answer for "" is the catalog's header."""
    if not message:
        return message
    return _catalog(_LANGUAGE.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted text for `n` in the language in use, by the catalog's plural
    rule: ngettext('{n} city', '{n} cities', 3) -> '{n} cities' (filled in with .format)."""
    return _catalog(_LANGUAGE.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated as meant in `context` (one English word, two French ones)."""
    return _catalog(_LANGUAGE.get()).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, do not translate yet"
    """Marks `message` for the catalog where it is written; `_()` translates it where shown."""
    return message


class Said(str):
    """A sentence made where no reader's language is known yet (the data's checks run once for
    every reader), kept with its English template and values so that it can be said again in
    the language of whoever reads it: `in_language(text)`. As a `str` it is the English
    sentence (the command line, the logs and the validator's report keep it)."""

    template: str
    values: dict

    def __new__(cls, template: str, **values) -> Said:
        made = super().__new__(cls, template.format(**values) if values else template)
        made.template, made.values = template, values
        return made

    def __reduce__(self):  # copied or pickled, it stays a Said
        return (_said_again, (self.template, tuple(self.values.items())))


def _said_again(template: str, values: tuple) -> Said:
    return Said(template, **dict(values))


def said(template: str, **values) -> Said:
    """`template` (marked with N_() where it is written) filled with `values`, to be said in
    the reader's language later: said(N_("must be {n} or more"), n=3)."""
    return Said(template, **values)


def in_language(text) -> str:
    """`text` in the language in use: a Said is translated (its values that are Said too, with
    it); a plain text is looked up in the catalog as it is (a fixed sentence marked with N_()),
    and is shown as written when the catalog does not hold it."""
    if isinstance(text, Said):
        # Only the values that are sentences themselves are translated: the others are data.
        values = {name: in_language(v) if isinstance(v, Said) else v for name, v in text.values.items()}
        return gettext(text.template).format(**values) if text.values else gettext(text.template)
    if isinstance(text, str):
        return gettext(text)
    return text


def reload_catalogs() -> None:
    """Forget the catalogs read so far (after a catalog file changed on disk)."""
    _translations.cache_clear()
    _catalog_languages.cache_clear()
