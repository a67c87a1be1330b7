"""Reading a city's action plan as it is written, whatever its layout and language.

    document = read_document(data, name)      # sized, parsed in a capped worker (PDF, Word, text)
    reading = read(document, vocabulary)      # every reader tries; the best reading is kept
    draft = draft_plan(reading, city_id, vocabulary=vocabulary, taken=ids_the_city_has)

Nothing here writes a file: drafts are saved and confirmed by formats.drafts.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# The names are imported when first asked for, not with the package: the worker that parses a
# PDF or Word document (`python -m formats.plans.document`, a fresh interpreter for every file)
# then loads only what it parses with, not the readers, the data model and pydantic, which
# were more than half of each file's processor time.
_WHERE = {
    "LIMITS": ".document", "Document": ".document", "Limits": ".document",
    "UnreadablePlan": ".document", "read_document": ".document",
    "NoActions": ".draft", "draft_plan": ".draft", "new_ids": ".draft",
    "Reading": ".reading", "read": ".reading",
}  # fmt: skip

if TYPE_CHECKING:  # the same names for readers of the code, type checkers and the import contracts
    from .document import LIMITS, Document, Limits, UnreadablePlan, read_document
    from .draft import NoActions, draft_plan, new_ids
    from .reading import Reading, read

__all__ = [
    "LIMITS", "Document", "Limits", "NoActions", "Reading", "UnreadablePlan", "draft_plan", "new_ids",
    "read", "read_document",
]  # fmt: skip


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # asked for once
    return value
