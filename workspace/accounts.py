"""Accounts: who may edit, kept in a credentials file outside the data and out of git.

    # .workspace/accounts.yaml (or the file IAP_ACCOUNTS_FILE names)
    accounts:
    - id: anna
      name: Anna Lead
      lead: true            # the Lead Expert: every city, and the Accounts page
      cities: []            # a city account: the ids of the cities it edits
      password_hash: $argon2id$v=19$...
      revoked: false
      session: 5f1c...      # changes on a password reset or a revocation: signs the account out

Passwords are kept only as argon2id hashes (argon2-cffi: slow, salted); no password is
ever written, logged or shown, except a generated one printed once by the command that made
it. A sign-in is a record on the server (workspace.sessions, beside the credentials): the
browser holds only its random token, in an HttpOnly cookie set by the server's sign-in route
(server/routes.py). Wrong passwords are counted there too, per account, per client address
and per device, in a window of minutes, so no one can lock another person out for long.

No streamlit here: ui/access.py and the `accounts` command call these.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import os
import re
import secrets
import sqlite3
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error
from filelock import FileLock

from words.i18n import N_, _, in_language, ngettext, said

from . import sessions
from .access import CITIES_VARIABLE, LEAD_VARIABLE, _cities_from_environment, _text

FILE_VARIABLE = "IAP_ACCOUNTS_FILE"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / ".workspace" / "accounts.yaml"
HEADER = (
    "# Accounts of the Breaking Isolation dashboard, managed in its Accounts page or with\n"
    "# `python -m models accounts`. Passwords are kept only as argon2 hashes. Keep this file\n"
    "# out of git and away from the data folder.\n"
)
SIGN_IN_DAYS = sessions.SIGN_IN_DAYS
FREE_FAILURES = sessions.FREE_FAILURES
pause_after = sessions.pause_after
REFUSED = N_("That name and password do not match an account. Check both and try again.")  # shown with _()


class AccountError(Exception):
    """A change to the accounts that cannot be made, in words: said in the language of
    whoever reads it (`str(error)`), though it was raised before anyone did."""

    def __str__(self) -> str:
        return in_language(self.args[0]) if self.args else ""


class Throttled(Exception):
    """Too many wrong passwords lately (for this account, or from this address): wait."""

    def __init__(self, wait_s: float):
        self.wait_s = wait_s
        super().__init__(self.words())

    def words(self) -> str:
        """The wait in words, in the language in use: 'Wait 1 second', 'Wait 3 minutes'."""
        if self.wait_s >= 60:
            minutes = max(1, round(self.wait_s / 60))
            when = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
        else:
            seconds = max(1, math.ceil(self.wait_s))
            when = ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)
        return _(WAIT).format(when=when)


WAIT = N_(
    "Too many wrong passwords lately. Wait {when}, then try again "
    "(or ask the Lead Expert to set a new password)."
)


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    lead: bool = False
    cities: tuple[str, ...] = ()
    password_hash: str = field(default="", repr=False)
    revoked: bool = False
    session: str = ""
    created: str = ""

    def may_edit(self, city_id: str) -> bool:
        return not self.revoked and (self.lead or city_id in self.cities)

    @property
    def role(self) -> str:
        if self.lead:
            return "Lead Expert"
        return "City: " + ", ".join(self.cities)


# --- the file --------------------------------------------------------------------------------


def accounts_file(environ=None) -> Path:
    value = (environ if environ is not None else os.environ).get(FILE_VARIABLE, "").strip()
    return Path(value) if value else DEFAULT_FILE


def _lock(path: Path) -> FileLock:
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path.with_name(f".{path.name}.lock")), timeout=30)


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def load(path: Path | None = None) -> list[Account]:
    """Every account in the credentials file (none when there is no file)."""
    path = path or accounts_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return []
    except (OSError, yaml.YAMLError) as error:
        raise AccountError(
            said(N_("The accounts file {path} cannot be read ({error})."), path=path, error=error)
        ) from error
    found = []
    for item in data.get("accounts") or []:
        if isinstance(item, dict) and item.get("id"):
            found.append(
                Account(
                    id=str(item["id"]),
                    name=str(item.get("name") or item["id"]),
                    lead=bool(item.get("lead")),
                    cities=tuple(str(c) for c in item.get("cities") or ()),
                    password_hash=str(item.get("password_hash") or ""),
                    revoked=bool(item.get("revoked")),
                    session=str(item.get("session") or ""),
                    created=str(item.get("created") or ""),
                )
            )
    return found


def _save(accounts: list[Account], path: Path) -> None:
    records = []
    for account in accounts:
        record = asdict(account)
        record["cities"] = list(account.cities)
        records.append(record)
    text = HEADER + yaml.safe_dump({"accounts": records}, sort_keys=False, allow_unicode=True)
    _write_private(path, text)


def find(account_id: str, path: Path | None = None) -> Account | None:
    return next((a for a in load(path) if a.id == account_id), None)


def any_accounts(path: Path | None = None) -> bool:
    try:
        return bool(load(path))
    except AccountError:
        return False


# --- passwords -------------------------------------------------------------------------------


def _hasher():

    return PasswordHasher()  # argon2id, salted, with the library's recommended costs


def new_password() -> str:
    """A strong password that can be read out: 4 groups of 4 letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


MIN_PASSWORD = 10


def _checked_password(password: str) -> str:
    if not isinstance(password, str) or len(password.strip()) < MIN_PASSWORD:
        raise AccountError(said(N_("A password must have at least {n} characters."), n=MIN_PASSWORD))
    return password.strip()


def account_id(name: str) -> str:
    """'Éva Kovács' -> 'eva-kovacs': the id an account is known by (in the history too)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:40].strip("-")


def add(
    name: str,
    password: str,
    *,
    lead: bool = False,
    cities: tuple[str, ...] = (),
    path: Path | None = None,
) -> Account:
    """A new account (AccountError when the name is taken or the account would edit nothing)."""
    path = path or accounts_file()
    name = " ".join(str(name).split())
    identifier = account_id(name)
    if not identifier:
        raise AccountError(said(N_("Give the person's name (letters or digits).")))
    if not lead and not cities:
        raise AccountError(said(N_("Choose the city the account edits, or make it a Lead Expert account.")))
    password = _checked_password(password)
    with _lock(path):
        accounts = load(path)
        if any(a.id == identifier for a in accounts):
            raise AccountError(
                said(N_("An account named “{name}” exists already: choose another name."), name=identifier)
            )
        account = Account(
            id=identifier,
            name=name,
            lead=lead,
            cities=tuple(sorted(set(cities))) if not lead else (),
            password_hash=_hasher().hash(password),
            session=secrets.token_hex(8),
            created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )
        _save([*accounts, account], path)
    return account


def _update(account_id_: str, path: Path | None, **changes) -> Account:
    path = path or accounts_file()
    with _lock(path):
        accounts = load(path)
        found = next((a for a in accounts if a.id == account_id_), None)
        if found is None:
            raise AccountError(said(N_("There is no account named “{name}”."), name=account_id_))
        updated = replace(found, session=secrets.token_hex(8), **changes)
        _save([updated if a.id == account_id_ else a for a in accounts], path)
    return updated


def reset_password(account_id_: str, password: str, path: Path | None = None) -> Account:
    """A new password; every sign-in of the account ends."""
    updated = _update(
        account_id_, path, password_hash=_hasher().hash(_checked_password(password)), revoked=False
    )
    store = session_store(path)
    store.end_all(account_id_)
    store.clear([f"account:{account_id_}"])
    return updated


def revoke(account_id_: str, path: Path | None = None, by: str | None = None) -> Account:
    """The account can no longer sign in or save; its sign-ins end at once."""
    if by == account_id_:
        raise AccountError(said(N_("You cannot revoke your own account: ask the other Lead Expert.")))
    remaining = [a for a in load(path) if a.lead and not a.revoked and a.id != account_id_]
    target = find(account_id_, path)
    if target is not None and target.lead and not remaining:
        raise AccountError(
            said(N_("This is the last Lead Expert account: add another one before revoking it."))
        )
    revoked = _update(account_id_, path, revoked=True)
    session_store(path).end_all(account_id_)
    return revoked


# --- signing in: counted per account, per client and per device, with no lock while hashing ---


def session_store(path: Path | None = None) -> sessions.Store:
    """The sign-ins and wrong-password counts kept beside the credentials file."""
    return sessions.Store((path or accounts_file()).with_name("sessions.sqlite3"))


def _device_key(device: str) -> str:
    # The device's token itself is a secret: only a digest of it names its counter.
    return "device:" + hashlib.sha256(device.encode("utf-8")).hexdigest()[:32]


def sign_in(
    name: str,
    password: str,
    *,
    client: str = "",
    device: str | None = None,
    path: Path | None = None,
    now: float | None = None,
) -> Account | None:
    """The account that `name` and `password` open, or None (never says which was wrong).

    Raises Throttled while this attempt must wait: after several recent wrong passwords for
    the account or from the client address. A device that signed in to the account before
    (`device`, its cookie) is never held back by those counts, so nobody can lock the owner
    out by guessing at her public account name; it has its own count instead, and after
    DEVICE_FAILURES wrong passwords it is a stranger again."""
    path = path or accounts_file()
    store = session_store(path)
    key = account_id(name or "")
    trusted = bool(key) and store.knows_device(device, key, now)
    if trusted:
        keys = [_device_key(device)]
    else:
        keys = [f"client:{client}"] if client else []
        if key:
            keys.append(f"account:{key}")
        wait = store.wait(keys, now)
        if wait > 0:
            raise Throttled(wait)
    account = find(key, path) if key else None
    matched = False
    if account is not None and not account.revoked and password:
        with contextlib.suppress(Argon2Error):
            matched = _hasher().verify(account.password_hash, password)
    elif password:
        # Same work as for a real account, so the time taken does not tell whether the name exists.
        with contextlib.suppress(Exception):
            _hasher().verify(_DUMMY_HASH(), password)
    if matched:
        store.clear(keys)
        return account
    store.fail(keys, now)
    if trusted and store.failures(keys[0], now)[0] >= sessions.DEVICE_FAILURES:
        store.forget_device(device, key)
    return None


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802 - a constant made once, lazily
    if not _dummy:
        _dummy.append(_hasher().hash(secrets.token_hex(8)))
    return _dummy[0]


def start_session(account: Account, device: str | None = None, path: Path | None = None) -> tuple[str, str]:
    """A new sign-in for `account` after a right password: (the session's token, the device's
    token), each for an HttpOnly cookie. The device is remembered for the account."""
    store = session_store(path)
    device = device or secrets.token_urlsafe(32)
    store.remember_device(device, account.id)
    return store.start(account.id), device


def account_for_session(
    token: str | None, path: Path | None = None, now: float | None = None
) -> Account | None:
    """The account a session token opens now, or None when it was signed out, ended by a
    reset or a revocation, left idle too long, or never existed."""
    if not token:
        return None
    try:
        store = session_store(path)
        found = store.account_for(token, now)
    except sqlite3.Error:  # an unreadable sessions file: not signed in, rather than a failed page
        return None
    account = find(found, path) if found else None
    if account is None or account.revoked:
        return None
    return account


def end_session(token: str | None, path: Path | None = None) -> None:
    session_store(path).end(token)


# --- one-time links: a person sets their own password, so none travels by e-mail ---------------


def add_with_link(
    name: str, *, lead: bool = False, cities: tuple[str, ...] = (), path: Path | None = None
) -> tuple[Account, str]:
    """A new account that cannot sign in until its person sets a password with the one-time
    link's token returned here (valid for a day, used once)."""
    # A long random password nobody ever sees: the account is closed until the link is used.
    account = add(name, secrets.token_urlsafe(32), lead=lead, cities=cities, path=path)
    return account, session_store(path).invite(account.id)


def invited_account(token: str | None, path: Path | None = None) -> Account | None:
    found = session_store(path).invited(token)
    account = find(found, path) if found else None
    return account if account is not None and not account.revoked else None


def set_password_with_link(token: str, password: str, path: Path | None = None) -> Account:
    """The person's own password, set with their one-time link (which is then used up)."""
    password = _checked_password(password)  # a refused password leaves the link usable
    found = session_store(path).use_invitation(token)
    account = find(found, path) if found else None
    if account is None or account.revoked:
        raise AccountError(LINK_GONE)
    return reset_password(account.id, password, path)


LINK_GONE = N_(
    "This link is no longer valid (it was used, or it is more than a day old). "
    "Ask the Lead Expert for a new one."
)


# --- the old shared passwords ----------------------------------------------------------------


def migrate_environment(environ, path: Path | None = None) -> list[str]:
    """Accounts made from IAP_EDIT_PASSWORD / IAP_CITY_PASSWORDS (the old shared passwords):
    'lead-expert' and '<city>-team'; those that exist already are left. Returns what was done."""

    said = []
    lead = _text(environ.get(LEAD_VARIABLE))
    wanted = []
    if lead:
        wanted.append(("Lead Expert", lead, True, ()))
    for city, password in _cities_from_environment(environ.get(CITIES_VARIABLE) or "", []).items():
        wanted.append((f"{city} team", password, False, (city,)))
    for name, password, is_lead, cities in wanted:
        if find(account_id(name), path) is not None:
            said.append(f"{account_id(name)}: exists already, left as it is")
            continue
        try:
            add(name, password, lead=is_lead, cities=cities, path=path)
        except AccountError as error:
            said.append(f"{account_id(name)}: not made ({error})")
            continue
        said.append(f"{account_id(name)}: made from the old shared password")
    return said
