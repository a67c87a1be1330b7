"""Sign-ins kept on the server, and the count of wrong passwords, in one small SQLite file
beside the credentials (`.workspace/sessions.sqlite3`).

A browser holds only a random token in an HttpOnly cookie; the server keeps its SHA-256
digest with the account it opens, so a copied cookie opens nothing once the record is gone:
signing out deletes it, a password reset or a revocation deletes every record of the account,
and a record not used for IDLE_S (or older than SIGN_IN_DAYS) no longer opens anything.

Wrong passwords are counted per key (an account, a client address, a device) in a sliding
window: only the failures of the last WINDOW_S count, so a counter expires on its own and one
attempt now and then keeps nothing locked. A device that signed in to an account before
carries a second random token (its own HttpOnly cookie); the account's count does not hold
it back, so strangers guessing at a public account name cannot lock its owner out.

SQLite (the standard library's) serialises the few writes for a moment each; nothing here is
held while a password is hashed. No streamlit here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SIGN_IN_DAYS = 14  # a sign-in lasts at most this long
IDLE_S = 2 * 86400  # and ends when not used for this long
TOUCH_EVERY_S = 60  # the last use is written at most once a minute per sign-in
WINDOW_S = 15 * 60  # wrong passwords older than this no longer count
FREE_FAILURES = 3  # wrong passwords allowed within the window before the pauses begin
MAX_PAUSE_S = 15 * 60
DEVICE_DAYS = 365  # a device stays known this long after its last sign-in
INVITATION_S = 86400  # a one-time link to set one's own password is valid for a day
DEVICE_FAILURES = 5  # wrong passwords from a known device before it is no longer trusted

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    digest TEXT PRIMARY KEY, account TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_account ON sessions(account);
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_key ON failures(key, at);
CREATE TABLE IF NOT EXISTS invitations (
    digest TEXT PRIMARY KEY, account TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    digest TEXT NOT NULL, account TEXT NOT NULL, seen REAL NOT NULL, PRIMARY KEY (digest, account));
"""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def pause_after(failures: int) -> float:
    """Seconds to wait after `failures` recent wrong passwords: none for the first few,
    then doubling from 2 seconds, at most 15 minutes."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_PAUSE_S, 2 ** (failures - FREE_FAILURES + 1)))


@dataclass(frozen=True)
class Store:
    """The sessions file; `now` is passed in by callers that pin the time (tests)."""

    path: Path

    @contextlib.contextmanager
    def _db(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists()
        if fresh:  # readable by the server's user only, like the credentials
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)
            if write:
                connection.execute("BEGIN IMMEDIATE")
            yield connection
            if write:
                connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()

    # --- sign-ins ----------------------------------------------------------------------------

    def start(self, account: str, now: float | None = None) -> str:
        """A new sign-in of `account`: the token for the browser's cookie (kept here as a digest)."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        with self._db(write=True) as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (_digest(token), account, now, now))
        return token

    def account_for(self, token: str | None, now: float | None = None) -> str | None:
        """The account a token opens now, or None (unknown, signed out, idle or too old)."""
        if not token:
            return None
        now = time.time() if now is None else now
        digest = _digest(token)
        with self._db() as db:
            row = db.execute(
                "SELECT account, created, seen FROM sessions WHERE digest = ?", (digest,)
            ).fetchone()
        if row is None:
            return None
        account, created, seen = row
        if now - seen > IDLE_S or now - created > SIGN_IN_DAYS * 86400:
            self.end(token)
            return None
        if now - seen > TOUCH_EVERY_S:
            with self._db(write=True) as db:
                db.execute("UPDATE sessions SET seen = ? WHERE digest = ?", (now, digest))
        return account

    def end(self, token: str | None) -> None:
        """Sign out: this token opens nothing any more."""
        if token:
            with self._db(write=True) as db:
                db.execute("DELETE FROM sessions WHERE digest = ?", (_digest(token),))

    def end_all(self, account: str) -> int:
        """Every sign-in of the account ends (a reset password, a revocation)."""
        with self._db(write=True) as db:
            return db.execute("DELETE FROM sessions WHERE account = ?", (account,)).rowcount

    def count(self, account: str) -> int:
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM sessions WHERE account = ?", (account,)).fetchone()[0]

    # --- one-time links to set one's own password --------------------------------------------

    def invite(self, account: str, now: float | None = None) -> str:
        """A token for a one-time link (valid INVITATION_S); earlier links of the account end."""
        now = time.time() if now is None else now
        token = secrets.token_urlsafe(32)
        with self._db(write=True) as db:
            db.execute("DELETE FROM invitations WHERE account = ?", (account,))
            db.execute(
                "INSERT INTO invitations VALUES (?, ?, ?)", (_digest(token), account, now + INVITATION_S)
            )
        return token

    def invited(self, token: str | None, now: float | None = None) -> str | None:
        """The account a link is for while it is valid and unused (None otherwise)."""
        if not token:
            return None
        now = time.time() if now is None else now
        with self._db() as db:
            row = db.execute(
                "SELECT account, expires FROM invitations WHERE digest = ?", (_digest(token),)
            ).fetchone()
        return row[0] if row is not None and now <= row[1] else None

    def use_invitation(self, token: str, now: float | None = None) -> str | None:
        """Takes the link (once): the account it was for, or None when used, expired or unknown."""
        now = time.time() if now is None else now
        with self._db(write=True) as db:
            row = db.execute(
                "SELECT account, expires FROM invitations WHERE digest = ?", (_digest(token),)
            ).fetchone()
            db.execute("DELETE FROM invitations WHERE digest = ?", (_digest(token),))
        return row[0] if row is not None and now <= row[1] else None

    # --- devices that signed in before -------------------------------------------------------

    def remember_device(self, device: str, account: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._db(write=True) as db:
            db.execute("INSERT OR REPLACE INTO devices VALUES (?, ?, ?)", (_digest(device), account, now))

    def knows_device(self, device: str | None, account: str, now: float | None = None) -> bool:
        if not device:
            return False
        now = time.time() if now is None else now
        with self._db() as db:
            row = db.execute(
                "SELECT seen FROM devices WHERE digest = ? AND account = ?", (_digest(device), account)
            ).fetchone()
        return row is not None and now - row[0] <= DEVICE_DAYS * 86400

    def forget_device(self, device: str, account: str) -> None:
        with self._db(write=True) as db:
            db.execute("DELETE FROM devices WHERE digest = ? AND account = ?", (_digest(device), account))

    # --- wrong passwords ---------------------------------------------------------------------

    def failures(self, key: str, now: float | None = None) -> tuple[int, float]:
        """(wrong passwords for `key` within the window, time of the last one)."""
        now = time.time() if now is None else now
        with self._db() as db:
            count, last = db.execute(
                "SELECT COUNT(*), MAX(at) FROM failures WHERE key = ? AND at > ?", (key, now - WINDOW_S)
            ).fetchone()
        return count, last or 0.0

    def wait(self, keys: Iterable[str], now: float | None = None) -> float:
        """Seconds still to wait before another attempt under any of `keys` (0: go ahead)."""
        now = time.time() if now is None else now
        waits = [0.0]
        for key in keys:
            count, last = self.failures(key, now)
            waits.append(last + pause_after(count) - now)
        return max(waits)

    def fail(self, keys: Iterable[str], now: float | None = None) -> None:
        """One more wrong password under each key; failures past the window are dropped."""
        now = time.time() if now is None else now
        with self._db(write=True) as db:
            db.execute("DELETE FROM failures WHERE at <= ?", (now - WINDOW_S,))
            db.executemany("INSERT INTO failures VALUES (?, ?)", [(key, now) for key in keys])

    def clear(self, keys: Iterable[str]) -> None:
        with self._db(write=True) as db:
            db.executemany("DELETE FROM failures WHERE key = ?", [(key,) for key in keys])
