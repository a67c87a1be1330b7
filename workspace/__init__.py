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
"""

from .access import REFUSED, unknown_cities
from .accounts import MIN_PASSWORD, Account, AccountError, reset_password
from .accounts import add as add_account
from .accounts import add_with_link as add_account_with_link
from .accounts import find as find_account
from .accounts import load as load_accounts
from .accounts import revoke as revoke_account
from .assessments import read_for_editing as read_assessment_for_editing
from .assessments import save as save_assessment
from .changes import PER_CITY_FOLDERS, EditError, NotAllowed, Refused, Saved, saves_seen
from .changes import restore as restore_files
from .editing import add_source, create_city, describe_changes, new_action, restore_version, save_city, slug
from .history import Entry as HistoryEntry
from .history import HistoryError
from .history import diff as history_diff
from .history import file_at as file_at_commit
from .history import log as history_log
from .progress import add_report, add_reports_of_cities
from .store import ChangedOnDisk

__all__ = [
    "MIN_PASSWORD",
    "PER_CITY_FOLDERS",
    "REFUSED",
    "Account",
    "AccountError",
    "ChangedOnDisk",
    "EditError",
    "HistoryEntry",
    "HistoryError",
    "NotAllowed",
    "Refused",
    "Saved",
    "add_account",
    "add_account_with_link",
    "add_report",
    "add_reports_of_cities",
    "add_source",
    "create_city",
    "describe_changes",
    "file_at_commit",
    "find_account",
    "history_diff",
    "history_log",
    "load_accounts",
    "new_action",
    "read_assessment_for_editing",
    "reset_password",
    "restore_files",
    "restore_version",
    "revoke_account",
    "save_assessment",
    "save_city",
    "saves_seen",
    "slug",
    "unknown_cities",
]
