"""A plan read by structure: every reader tries the document, the one that understood the most
is kept, and what was read is counted (pages, characters, language, readers, what each found)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.vocabulary import Vocabulary

from . import readers
from .document import Document
from .fixed_width import as_rows
from .found import Found, heading_level, heading_text, is_shouting, labelled
from .language import detect
from .readers import Context
from .words import Words


@dataclass
class Reading:
    document: Document
    lines: list[str]  # the document's lines, tables typed as text rewritten as rows
    language: str | None
    language_name: str | None
    reader: str | None
    described: str | None
    actions: list[Found]
    ideas: list[Found]
    headings: list[str] = field(default_factory=list)  # when no action was found: a start

    def summary(self) -> dict:
        pages = sorted({p for a in self.actions for p in (self.document.page_span(a.lines) or ())})
        return {
            "pages": self.document.page_count,
            "characters": self.document.characters,
            "kind": self.document.kind,
            "tables": self.document.tables,
            "language": self.language,
            "language_name": self.language_name,
            "reader": self.reader,
            "found": self.described_found(),
            "actions": len(self.actions),
            "ideas": len(self.ideas),
            "from_page": pages[0] if pages else None,
            "to_page": pages[-1] if pages else None,
        }

    def described_found(self) -> str | None:
        """'5 actions in blocks under action headings, pages 2-3' (English, for the record; the
        page says it in the reader's language from the summary's parts)."""
        if not self.actions:
            return None
        pages = sorted({p for a in self.actions for p in (self.document.page_span(a.lines) or ())})
        where = ""
        if self.document.page_count > 1 and pages:
            where = f", page {pages[0]}" if pages[0] == pages[-1] else f", pages {pages[0]}-{pages[-1]}"
        n = len(self.actions)
        return f"{n} action{'s' if n != 1 else ''} in {self.described}{where}"


def words_of(vocabulary: Vocabulary) -> Words:
    return Words(vocabulary.iap_import)


def _listed_ideas(context: Context) -> list[Found]:
    """Ideas written as a plain list under an 'other ideas' heading ('- A social bus'), where
    the plan's reader found them in no form of its own: one idea per line."""
    ideas = []
    for i, line in enumerate(context.lines):
        text = line.strip().lstrip("-•–*").strip()
        if (
            context.section(i) != "ideas"
            or not text
            or i in context.noise
            or text.startswith("|")
            or context.words.section_of(heading_text(text))
            or labelled(text, context.words)
            or len(text) > 160
        ):
            continue
        ideas.append(Found(text, None, "list", [i], kind="idea"))
    return ideas


def read(document: Document, vocabulary: Vocabulary) -> Reading:
    words = words_of(vocabulary)
    lines = as_rows(document.lines, words)
    context = Context(lines, document.pages, words)
    best: tuple[int, object, list[Found]] | None = None
    for reader in readers.READERS:
        found = reader.read(context)
        score = sum(a.richness() for a in found if a.kind == "action")
        if score and (best is None or score > best[0]):
            best = (score, reader, found)
    text = "\n".join(line for i, line in enumerate(lines) if i not in context.noise)
    language, name = detect(text, words)  # the language's name in English, for the record
    if best is None:
        headings = [
            heading_text(line)
            for line in lines
            if line.strip() and (heading_level(line.strip()) or is_shouting(line.strip())) and len(line) < 120
        ]
        return Reading(
            document, lines, language, name, None, None, [], [], list(dict.fromkeys(headings))[:30]
        )
    _, reader, found = best
    actions = [a for a in found if a.kind == "action" and a.title]
    ideas = [a for a in found if a.kind == "idea"] or _listed_ideas(context)
    return Reading(document, lines, language, name, reader.NAME, reader.DESCRIBED, actions, ideas)
