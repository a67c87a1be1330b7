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
it. Failed sign-ins are counted per name in a file beside the credentials, so the pause
that follows each one holds across every session and browser. A sign-in survives a reload
through a signed, expiring token (itsdangerous) kept in a cookie; the secret that signs it is
IAP_COOKIE_SECRET or a random one made once beside the credentials.

No streamlit here: ui/access.py and the `accounts` command call these.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import time
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error
from filelock import FileLock
from itsdangerous import BadSignature, URLSafeTimedSerializer

from words.i18n import N_

from .access import CITIES_VARIABLE, LEAD_VARIABLE, _cities_from_environment, _text

FILE_VARIABLE = "IAP_ACCOUNTS_FILE"
SECRET_VARIABLE = "IAP_COOKIE_SECRET"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / ".workspace" / "accounts.yaml"
HEADER = (
    "# Accounts of the Breaking Isolation dashboard, managed in its Accounts page or with\n"
    "# `python -m models accounts`. Passwords are kept only as argon2 hashes. Keep this file\n"
    "# out of git and away from the data folder.\n"
)
SIGN_IN_DAYS = 14  # how long a sign-in lasts without signing in again
FREE_FAILURES = 3  # wrong passwords allowed for a name before the pauses begin
MAX_PAUSE_S = 15 * 60
REFUSED = N_("That name and password do not match an account. Check both and try again.")  # shown with _()


class AccountError(Exception):
    """A change to the accounts that cannot be made, in words."""


class Throttled(Exception):
    """Too many wrong passwords for this name lately: wait before trying again."""

    def __init__(self, wait_s: float):
        self.wait_s = wait_s
        minutes = max(1, round(wait_s / 60)) if wait_s >= 60 else None
        when = (
            f"{minutes} minute{'s' if minutes != 1 else ''}"
            if minutes
            else f"{max(1, round(wait_s))} seconds"
        )
        super().__init__(
            f"Too many wrong passwords for this name. Wait {when}, then try again "
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
        raise AccountError(f"The accounts file {path} cannot be read ({error}).") from error
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
        raise AccountError(f"A password must have at least {MIN_PASSWORD} characters.")
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
        raise AccountError("Give the person's name (letters or digits).")
    if not lead and not cities:
        raise AccountError("Choose the city the account edits, or make it a Lead Expert account.")
    password = _checked_password(password)
    with _lock(path):
        accounts = load(path)
        if any(a.id == identifier for a in accounts):
            raise AccountError(f"An account named '{identifier}' exists already: choose another name.")
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
            raise AccountError(f"There is no account named '{account_id_}'.")
        updated = replace(found, session=secrets.token_hex(8), **changes)
        _save([updated if a.id == account_id_ else a for a in accounts], path)
    return updated


def reset_password(account_id_: str, password: str, path: Path | None = None) -> Account:
    """A new password; the account's sign-ins elsewhere end."""
    clear_failures(account_id_, path)
    return _update(
        account_id_, path, password_hash=_hasher().hash(_checked_password(password)), revoked=False
    )


def revoke(account_id_: str, path: Path | None = None, by: str | None = None) -> Account:
    """The account can no longer sign in or save; its sign-ins end at once."""
    if by == account_id_:
        raise AccountError("You cannot revoke your own account: ask the other Lead Expert.")
    remaining = [a for a in load(path) if a.lead and not a.revoked and a.id != account_id_]
    target = find(account_id_, path)
    if target is not None and target.lead and not remaining:
        raise AccountError("This is the last Lead Expert account: add another one before revoking it.")
    return _update(account_id_, path, revoked=True)


# --- signing in, slowed per name across all sessions ------------------------------------------


def _failures_file(path: Path) -> Path:
    return path.with_name("sign-in-failures.json")


def _failures(path: Path) -> dict:
    try:
        return json.loads(_failures_file(path).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def pause_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passwords in a row: none for the first few,
    then doubling from 2 seconds, at most 15 minutes."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_PAUSE_S, 2 ** (failures - FREE_FAILURES + 1)))


def clear_failures(name: str, path: Path | None = None) -> None:
    path = path or accounts_file()
    with _lock(_failures_file(path)):
        counts = _failures(path)
        if counts.pop(account_id(name), None) is not None:
            _write_private(_failures_file(path), json.dumps(counts))


def sign_in(name: str, password: str, path: Path | None = None, now: float | None = None) -> Account | None:
    """The account that `name` and `password` open, or None (never says which was wrong).
    Raises Throttled while the name must wait after wrong passwords."""
    path = path or accounts_file()
    now = time.time() if now is None else now
    key = account_id(name or "")
    with _lock(_failures_file(path)):
        counts = _failures(path)
        record = counts.get(key) or {"failures": 0, "last": 0.0}
        wait = record["last"] + pause_after(record["failures"]) - now
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
            if key in counts:
                counts.pop(key)
                _write_private(_failures_file(path), json.dumps(counts))
            return account
        counts[key] = {"failures": record["failures"] + 1, "last": now}
        _write_private(_failures_file(path), json.dumps(counts))
    return None


_dummy: list[str] = []


def _DUMMY_HASH() -> str:  # noqa: N802 - a constant made once, lazily
    if not _dummy:
        _dummy.append(_hasher().hash(secrets.token_hex(8)))
    return _dummy[0]


# --- the signed token a browser keeps ----------------------------------------------------------


def _secret(path: Path) -> str:
    from_env = os.environ.get(SECRET_VARIABLE, "").strip()
    if from_env:
        return from_env
    kept = path.with_name("cookie-secret")
    with _lock(kept):
        try:
            value = kept.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            value = ""
        if not value:
            value = secrets.token_hex(32)
            _write_private(kept, value)
    return value


def _serializer(path: Path):

    return URLSafeTimedSerializer(_secret(path), salt="iap-sign-in")


def token_for(account: Account, path: Path | None = None) -> str:
    """A signed token that says who signed in (no password in it)."""
    path = path or accounts_file()
    return _serializer(path).dumps({"a": account.id, "s": account.session})


def account_from_token(
    token: str | None, path: Path | None = None, max_age_s: int | None = None
) -> Account | None:
    """The account a token signs in, or None when it is forged, expired, or the account was
    revoked or its password reset since."""
    if not token:
        return None

    path = path or accounts_file()
    try:
        data = _serializer(path).loads(token, max_age=max_age_s or SIGN_IN_DAYS * 86400)
    except BadSignature:
        return None
    except Exception:  # an unreadable secret or a damaged token: not signed in
        return None
    if not isinstance(data, dict):
        return None
    account = find(str(data.get("a")), path)
    if account is None or account.revoked or account.session != data.get("s"):
        return None
    return account


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
