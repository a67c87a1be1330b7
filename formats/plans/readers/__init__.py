"""One reader per layout. Each finds the actions a document sets out from its own structure;
`formats.plans.reading` runs them all and keeps the one that understood the most."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..found import Row, furniture, sections, table_rows
from ..words import Words


@dataclass
class Context:
    """The document's lines and what every reader needs to know about them."""

    lines: list[str]
    pages: list[int]
    words: Words

    @cached_property
    def noise(self) -> set[int]:
        return furniture(self.lines, self.pages, self.words)

    @cached_property
    def kinds(self) -> list[str | None]:
        return sections(self.lines, self.words)

    @cached_property
    def rows(self) -> list[Row]:
        return table_rows(self.lines, self.noise)

    def section(self, i: int) -> str | None:
        return self.kinds[i] if 0 <= i < len(self.kinds) else None


# In order of trust: on a tie, the earlier reader's reading is kept.
from . import blocks, column_tables, label_tables, prose, template  # noqa: E402

READERS = (template, label_tables, blocks, column_tables, prose)
