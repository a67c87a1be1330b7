"""What a person reads on a page run by AppTest, and which of it did not come from the catalog.

`marked_catalog` wraps every text the catalog gives (gettext, ngettext, pgettext, and so the
Jinja2 templates too) in two invisible marks; `untranslated` then takes every text on the page
- titles, markdown, captions, notices, widget labels, options, help and placeholders, metric
labels, tab and expander labels, table headers and cells, the charts' titles, axes, legends,
hovers and annotations - removes what lies between marks and what is the data's own text (the
plans' titles, names, descriptions, read from the data folder), and returns what is left that
still holds words: text some code wrote without the catalog.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

import yaml
from babel import Locale
from babel.messages.pofile import read_po
from google.protobuf.json_format import MessageToDict

import words.i18n

OPEN, CLOSE = "\u2063", "\u2064"  # invisible separator, invisible plus: never typed by anyone

# Proto fields that hold words a person reads (elsewhere: ids, keys, styles, icons).
TEXT_FIELDS = {"body", "label", "help", "placeholder", "options", "caption", "text", "title", "alt"}
# Plotly figure keys that hold words a person reads.
FIGURE_TEXT_KEYS = {
    "text",
    "name",
    "hovertemplate",
    "ticktext",
    "label",
    "labels",
    "hovertext",
    "texttemplate",
}
FIGURE_SKIPPED = {"customdata", "ids", "meta", "uid", "colorscale", "font", "marker", "line", "fill"}


class _Marked:
    """A catalog whose every answer for a text it holds is wrapped in the marks; a text handed
    to `_()` that the catalog does not hold (a constant never marked for it) stays unmarked."""

    def __init__(self, real, held: set):
        self.real, self.held = real, held

    def _mark(self, key, text: str) -> str:
        return OPEN + text + CLOSE if key in self.held else text

    def gettext(self, message):
        return self._mark((None, message), self.real.gettext(message))

    def ngettext(self, singular, plural, n):
        return self._mark((None, singular), self.real.ngettext(singular, plural, n))

    def pgettext(self, context, message):
        return self._mark((context, message), self.real.pgettext(context, message))


def _held(code: str) -> set:
    """(context, msgid) of every translated entry of the language's catalog."""
    with words.i18n._po_path(code).open("rb") as handle:
        catalog = read_po(handle, locale=code)
    held = set()
    for message in catalog:
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.id and all(strings) and not message.fuzzy:
            held.add((message.context, message.id if isinstance(message.id, str) else message.id[0]))
    return held


def clear_shared_caches() -> None:
    """Empty Streamlit's caches (they live as long as the process). The French check needs it
    no more: its marked catalog is a language of its own (marked_catalog)."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def marked_code(code: str) -> str:
    """The code of `code`'s marked copy: a private-use language of BCP 47 ('fr-x-marked')."""
    return f"{code}_x_marked"


def marked_catalog(monkeypatch, code: str = "fr") -> str:
    """Offer a language of its own, marked_code(code), speaking as `code` does with the
    catalog of `code` with marks, for this test; returns its code (ask for it: ?lang=...,
    use_language). Being a language of its own, what Streamlit caches for it (tables and
    views are keyed by the language in use) never mixes with plain `code`: no cache to clear."""
    marked = marked_code(code)
    monkeypatch.setattr(words.i18n, "_MADE", dict(words.i18n._MADE))  # gone with the test
    words.i18n.add_language(marked, code, _Marked(words.i18n._translations(code), _held(code)))
    return marked


# --- the page's texts ------------------------------------------------------------------------


def _strings(value, key: str = ""):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _figure_strings(value, key: str = ""):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in FIGURE_SKIPPED:
                continue
            if k == "title":
                yield from _strings(v.get("text") if isinstance(v, dict) else v)
            elif k in FIGURE_TEXT_KEYS:
                if not (isinstance(v, dict) and "bdata" in v):  # numbers packed as base64
                    yield from _strings(v)
            else:
                yield from _figure_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _figure_strings(v, key)


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def screen_texts(at) -> list[str]:
    """Every text on the page AppTest ran (main area and sidebar)."""
    found: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            found.extend(_figure_strings(json.loads(proto.spec)))
            continue
        if kind in ("dataframe", "table", "arrow_data_frame"):
            frame = node.value
            # A column's header as shown: its column_config label where the page gives one.
            config = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
            for column in frame.columns:
                given = config.get(str(column))
                found.append(
                    given["label"] if isinstance(given, dict) and given.get("label") else str(column)
                )
            for column in frame.columns:
                found.extend(v for v in frame[column].tolist() if isinstance(v, str))
            continue
        try:
            as_dict = MessageToDict(proto, preserving_proto_field_name=True)
        except (TypeError, AttributeError):
            continue
        for field_name, value in as_dict.items():
            if field_name in TEXT_FIELDS:
                found.extend(_strings(value))
    return found


# --- what is left without the catalog --------------------------------------------------------


def data_texts(data_dir: Path, code: str = "fr") -> set[str]:
    """Every text of the data folder's YAML files (the plans' own words, in any language).
    Of the model's terms, the words model.yaml gives in `code` replace those they translate:
    a French page showing an English label where a French one exists is not data text."""
    texts: set[str] = set()
    for path in Path(data_dir).rglob("*.yaml"):
        if any(part.startswith(".") for part in path.relative_to(data_dir).parts):
            continue
        content = _parsed(path, path.stat().st_mtime_ns, path.stat().st_size)
        if content is None:
            continue
        if path.name == "model.yaml" and isinstance(content, dict):
            content = _in_language(content, code)
        texts.update(t for t in _strings(content) if t.strip())
    return texts


@functools.lru_cache(maxsize=512)
def _parsed(path: Path, mtime_ns: int, size: int):
    """A YAML file's content, parsed once per version of the file (the French checks read the
    same data folder for every page; keyed on the file's time and size, a test that changes a
    file reads it again). None when the file is not YAML."""
    try:
        # libyaml's parser where it is there: the same safe content, several times faster.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError:
        return None


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _in_language(value, code: str):
    if isinstance(value, dict):
        given = (value.get("translations") or {}).get(code) or {}
        return {k: _in_language(given.get(k, v), code) for k, v in value.items() if k != "translations"}
    if isinstance(value, list):
        return [_in_language(v, code) for v in value]
    return value


def _locale_words(code: str) -> set[str]:
    locale = Locale.parse(code)
    found = set()
    for table in (locale.months, locale.days):
        for width in table.get("format", {}).values():
            found.update(str(v) for v in width.values())
    # Countries are named by Babel in the language (words.country), not by the catalog.
    for name in locale.territories.values():
        found.update(re.findall(r"[^\W\d_]{2,}", name))
    return found


# Words the same in every language: formats, names of things, the currency sign.
SAME_IN_EVERY_LANGUAGE = {
    "CSV",
    "Excel",
    "SVG",
    "PNG",
    "PDF",
    "HTML",
    "PowerPoint",
    "URBACT",
    "UTC",
    "IAP",
    "OK",
    "YAML",
}


def _clean(text: str) -> str:
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)  # code, not words
    text = html.unescape(text)
    text = re.sub(r"https?://\S+|mailto:\S+", " ", text)
    text = re.sub(r":material/[a-z_]+:", " ", text)
    text = re.sub(r"%\{[^}]*\}", " ", text)  # plotly's placeholders
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\\(.)", r"\1", text)  # markdown escapes of data text
    return text


# Between pieces of data text: list commas, the legend's colour square, a count in brackets,
# a heading's #, a list's number, the space left where a <br> was, a middle dot, an id's
# colon, a line's end, brackets.
_SEPARATORS = re.compile(r",\s+|\s*■\s*|\(\d+\)|^#+\s+|^\d+\.\s+|\s{2,}|\s*·\s*|[:;]\s+|\n|\s*[()×]\s*", re.M)


def _is_data(part: str, corpus: str) -> bool:
    bare = part.strip(" .,:;·…*_-–—()[]|/\"'«»").strip()
    bare = re.sub(
        r"^[\d.,%\s\u202f\xa0]+|[\d.,%\s\u202f\xa0–-]+$", "", bare
    )  # a figure before or years after
    return not re.search(r"[^\W\d_]{2,}", bare) or bare in corpus or bare.rstrip("…").strip() in corpus


def untranslated(texts: list[str], data: set[str], code: str = "fr") -> list[str]:
    """The pieces of `texts` that hold words and came neither from the catalog nor the data."""
    ordered = sorted((_clean(t) for t in data if len(t) >= 2), key=len, reverse=True)
    corpus = "\n".join(ordered)
    allowed = (
        SAME_IN_EVERY_LANGUAGE
        | _locale_words(code)
        | {words.i18n.language_name(c) for c in words.i18n.languages()}
    )
    left: list[str] = []
    for text in texts:
        text = _clean(text)
        while True:  # marked pieces, innermost first (a translated text can hold another)
            text, n = re.subn(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", "\x00", text)
            if not n:
                break
        text = text.replace(OPEN, "\x00").replace(CLOSE, "\x00")
        for piece in text.split("\x00"):
            piece = piece.strip()
            words_in = re.findall(r"[^\W\d_]{2,}", piece)
            if not words_in or all(w in allowed for w in words_in):
                continue
            if all(
                _is_data(part, corpus) or all(w in allowed for w in re.findall(r"[^\W\d_]{2,}", part))
                for part in _SEPARATORS.split(piece)
            ):
                continue
            left.append(piece)
    return sorted(set(left))
