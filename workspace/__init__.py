"""The workspace: everything that changes the data (the write side).

The read side (models/: schema, loading, checks) never imports this package; the file formats
(formats/) and the app build on it. Pages import only the names below, never a module of this
package (an import contract in pyproject.toml keeps it so): what a page may do to the data is
listed here, in one place.

Inside, one concern per module: `store` writes files safely (versions, one lock, all or none),
`yaml_format` decides the text a save writes, `changes` is the one write path (checked, written,
committed), `history` reads and records the data's git history, `outcome` says what is true on
disk after a save, `editing` edits a city's file, `progress` and `assessments` record progress
reports and self-assessments, `accounts`, `sessions` and `access` say who may save.

The names are loaded when first used (PEP 562): a command that only reads, like `validate`,
imports `workspace.store` without the data history's git library (dulwich) or the accounts.
"""

from __future__ import annotations

import importlib

# The public face: name -> (module of this package, its name there).
PUBLIC = {
    "REFUSED": ("access", "REFUSED"),
    "unknown_cities": ("access", "unknown_cities"),
    "MIN_PASSWORD": ("accounts", "MIN_PASSWORD"),
    "Account": ("accounts", "Account"),
    "AccountError": ("accounts", "AccountError"),
    "add_account": ("accounts", "add"),
    "add_account_with_link": ("accounts", "add_with_link"),
    "find_account": ("accounts", "find"),
    "load_accounts": ("accounts", "load"),
    "reset_password": ("accounts", "reset_password"),
    "revoke_account": ("accounts", "revoke"),
    "read_assessment_for_editing": ("assessments", "read_for_editing"),
    "save_assessment": ("assessments", "save"),
    "PER_CITY_FOLDERS": ("changes", "PER_CITY_FOLDERS"),
    "EditError": ("changes", "EditError"),
    "NotAllowed": ("changes", "NotAllowed"),
    "Refused": ("changes", "Refused"),
    "restore_files": ("changes", "restore"),
    "Saved": ("changes", "Saved"),
    "saves_seen": ("changes", "saves_seen"),
    "add_source": ("editing", "add_source"),
    "create_city": ("editing", "create_city"),
    "describe_changes": ("editing", "describe_changes"),
    "new_action": ("editing", "new_action"),
    "restore_version": ("editing", "restore_version"),
    "save_city": ("editing", "save_city"),
    "slug": ("editing", "slug"),
    "HistoryEntry": ("history", "Entry"),
    "HistoryError": ("history", "HistoryError"),
    "history_diff": ("history", "diff"),
    "file_at_commit": ("history", "file_at"),
    "history_log": ("history", "log"),
    "add_report": ("progress", "add_report"),
    "add_reports_of_cities": ("progress", "add_reports_of_cities"),
    "ChangedOnDisk": ("store", "ChangedOnDisk"),
}

__all__ = sorted(PUBLIC)


def __getattr__(name: str):
    if name not in PUBLIC:
        raise AttributeError(f"module 'workspace' has no attribute {name!r}")
    module, attribute = PUBLIC[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *PUBLIC})
