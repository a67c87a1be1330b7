"""One way a save ends on a page: saved, refused, changed on disk, not allowed, or failed.

Every page that writes calls `attempt` with its save and `saved` once it went through, so a
person meets the same words wherever they pressed Save:

- refused: every problem in the words of the form (models.form_words), never a file path,
  a YAML path or "null"; nothing was written, what was typed is still on screen;
- changed on disk: someone saved the same data meanwhile; nothing was written, what was
  typed is still on screen;
- not allowed (an account revoked while typing): nothing was written, why, and what was
  typed is still on screen;
- failed: what is now true on disk (workspace.outcome's words, carried by EditError);
- saved: what is now true: saved and recorded in the history, saved but not copied to the
  backup, or nothing changed (the data already said it).

A refusal never reruns the page nor clears a widget: the form stays as the person left it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from pydantic import ValidationError

from models.files import Problem
from models.form_words import form_order, in_form_words
from models.form_words import message as form_message
from models.messages import plain_errors
from ui.data import load
from ui.render import plain
from words.i18n import _, in_language
from workspace import ChangedOnDisk, EditError, NotAllowed, Refused, Saved, saves_seen

T = TypeVar("T")

SAVED_KEY = "saving_saved"  # session_state: what the last save made true, said after the rerun
COMMITTED, NOT_BACKED_UP, UNCHANGED = "committed", "not backed up", "unchanged"


def _typed_kept() -> str:
    return _("What you typed is still here.")


def refusal_lines(problems: list[str]) -> str:
    """A refused save: a heading, then each problem (already in words) on a line of its own."""
    lines = "\n".join(f"- {plain(p)}" for p in problems)
    return _("**Not saved: fix these problems first.** Nothing was written. {kept}").format(
        kept=_typed_kept()
    ) + ("\n\n" + lines if lines else "")


def refusal_words(refused: Refused, action_titles: dict[str, str] | None = None) -> str:
    """A refused save in the form's words (models.form_words)."""
    # Each record's problems together, as the records come; within one, in the form's order.
    first = {}
    for number, problem in enumerate(refused.problems):
        first.setdefault(problem.path.partition("]")[0], number)
    ordered = sorted(refused.problems, key=lambda p: (first[p.path.partition("]")[0]], form_order(p)))
    vocabulary = load()[0].vocabulary  # a choice named by its label, as the form shows it
    return refusal_lines([in_form_words(p, action_titles, vocabulary) for p in ordered])


def _field_problem(path: str, problem: str, labels: dict[str, str] | None) -> str:
    label = (labels or {}).get(path.split(".")[0].split("[")[0])
    return _("{where}: {problem}").format(where=label, problem=problem) if label else problem


def changed_words(again: str | None = None) -> str:
    if again:
        return _(
            "**Not saved: someone else saved this after you opened it.** Nothing was written, so their "
            "change is not lost. {kept} Note what you need, then press '{again}' and make your changes again."
        ).format(kept=_typed_kept(), again=again)
    return _(
        "**Not saved: someone else saved this after you opened it.** Nothing was written, so their "
        "change is not lost. {kept} Note what you need, then reload the page and make your changes again."
    ).format(kept=_typed_kept())


def attempt(
    save: Callable[[], T],
    *,
    action_titles: dict[str, str] | None = None,
    again: str | None = None,
    labels: dict[str, str] | None = None,
    where=None,
) -> tuple[T, list[Saved]] | None:
    """Run `save`; on any way it can fail, say so (in `where`, the page by default) and return
    None, keeping the page as it is. On success: its result and what the saves made.
    `labels`: a form's field -> its label, for a record checked before the save (a progress
    value, a self-assessment) whose problems name its fields."""
    where = where or st
    try:
        with saves_seen() as seen:
            result = save()
    except Refused as refused:
        where.error(refusal_words(refused, action_titles))
    except ChangedOnDisk:
        where.error(changed_words(again))
    except NotAllowed as not_allowed:
        where.error(_("**Not saved.** {why} {kept}").format(why=plain(str(not_allowed)), kept=_typed_kept()))
    except EditError as failed:  # its words say what is now true on disk (workspace.outcome)
        where.error(plain(str(failed)))
    except ValidationError as invalid:  # the record itself, checked before any file is read
        where.error(
            refusal_lines(
                [
                    _field_problem(path, form_message(Problem("", path, said)), labels)
                    for path, said in plain_errors(invalid)
                ]
            )
        )
    except ValueError as invalid:  # a writer's own check, in words (an unknown indicator, ...)
        where.error(refusal_lines([str(invalid)]))
    except OSError as failed:
        where.error(
            _("**Not saved**: the file could not be written ({reason}). Nothing was changed.").format(
                reason=failed.strerror or type(failed).__name__
            )
        )
    else:
        return result, seen
    return None


def now_true(seen: list[Saved]) -> tuple[str, str | None]:
    """What the saves made true: COMMITTED, NOT_BACKED_UP (with the backup's words) or UNCHANGED."""
    if seen and all(s.commit is None for s in seen):
        return UNCHANGED, None
    failed = [s for s in seen if s.commit is not None and not s.backup_ok]
    if failed:
        return NOT_BACKED_UP, failed[-1].backup
    return COMMITTED, None


def saved(message: str, seen: list[Saved]) -> None:
    """Remember a save that went through, to say after the page reruns (`show_saved`)."""
    st.session_state[SAVED_KEY] = (message, *now_true(seen))


def show_saved(where=None) -> None:
    """Say what the last save made true, once."""
    kept = st.session_state.pop(SAVED_KEY, None)
    if kept is None:
        return
    where = where or st
    message, state, backup = kept
    if state == UNCHANGED:
        where.info(_("{message} Nothing changed: the data already said this.").format(message=plain(message)))
    elif state == NOT_BACKED_UP:
        where.warning(
            _("{message} It is saved and in the data's history, but not copied to the backup: {why}").format(
                message=plain(message), why=plain(in_language(backup or ""))
            )
        )
    else:
        where.success(
            _("{message} It is saved and recorded in the data's history.").format(message=plain(message))
        )


def keep_typed(lines: list[str], where=None) -> None:
    """A session that may no longer save (an account revoked, a session ended) while changes
    were typed: say so, and show what was typed so that it can be copied, not lost."""
    where = where or st
    where.error(
        _(
            "**Not saved: you can no longer make changes** (your account was removed or revoked, or "
            "you were signed out). Nothing was written. What you typed is below: copy it before you "
            "leave, and ask the Lead Expert if this is a mistake."
        )
    )
    where.code("\n".join(lines), language=None, wrap_lines=True)
