"""Reading a city's action plan as it is written, whatever its layout and language.

    document = read_document(data, name)      # sized, parsed in a capped worker (PDF, Word, text)
    reading = read(document, vocabulary)      # every reader tries; the best reading is kept
    draft = draft_plan(reading, city_id, vocabulary=vocabulary, taken=ids_the_city_has)

Nothing here writes a file: drafts are saved and confirmed by formats.drafts.
"""

from .document import LIMITS, Document, Limits, UnreadablePlan, read_document
from .draft import NoActions, draft_plan, new_ids
from .reading import Reading, read

__all__ = [
    "LIMITS", "Document", "Limits", "NoActions", "Reading", "UnreadablePlan", "draft_plan", "new_ids",
    "read", "read_document",
]  # fmt: skip
