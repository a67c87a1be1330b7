"""A page's parts made when first read: a page's view holds what its first view shows, and
each closed tab's figures are made the first time the tab asks for them (then kept)."""

from __future__ import annotations


class LazyParts(dict):
    """A page's parts: those made at once, and the others made the first time one is read
    as `parts[key]` (not by `.get` or `in`), then kept. Shared like any cached view (callers
    must not modify it); a cached view is per language (ui.data), so a part made later is
    made in the language the others were."""

    def __init__(self, made: dict, later: dict):
        super().__init__(made)
        self._later = later  # key -> function making a dict of parts (that key's among them)

    def __missing__(self, key):
        if key not in self._later:
            raise KeyError(key)
        for name, value in self._later[key]().items():
            self.setdefault(name, value)
        return self[key]
