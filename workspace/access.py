"""The old shared passwords that open editing (kept working; accounts replace them).

Editing is normally opened by a person's own account (workspace.accounts). The shared
passwords of earlier versions still work, set in Streamlit secrets
(`.streamlit/secrets.toml`) or in the environment, and `python -m models accounts
migrate-env` turns them into accounts:

    [editing]
    lead_password = "..."        # the Lead Expert: edits every city (and adds cities)

    [editing.cities]
    fot = "..."                  # optional: edits only the city with id `fot`
    isernia = "..."

or `IAP_EDIT_PASSWORD=...` and `IAP_CITY_PASSWORDS="fot=...,isernia=..."`. A setting in
the environment wins over the same setting in the secrets.

No streamlit here: the secrets and the environment come in as plain dicts, so tests pin
them. Only SHA-256 digests of the passwords are kept, and a sign-in keeps only what it
grants (`Access`), never the password. A wrong password gives no hint: the same message
whether no password matches, editing is off, or the city has no password of its own.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

from words.i18n import N_

LEAD_VARIABLE = "IAP_EDIT_PASSWORD"
CITIES_VARIABLE = "IAP_CITY_PASSWORDS"
SECRETS_SECTION = "editing"

# One message for every refused sign-in: it must not tell which part was wrong.
REFUSED = N_("That password does not allow editing. Nothing can be changed without the right password.")
READ_ONLY = N_(
    "This dashboard is read-only for now: nobody can sign in to edit yet. Whoever runs the server "
    'makes the first account, in the project\'s folder, with `.venv/bin/python -m models accounts add "Your name" --lead` '
    "(README, 'Run it for the network')."
)


def _digest(password: str) -> bytes:
    return hashlib.sha256(password.encode("utf-8")).digest()


@dataclass(frozen=True)
class Access:
    """What one sign-in may edit: every city (the Lead Expert), or some cities by id."""

    everything: bool = False
    cities: frozenset[str] = frozenset()

    def may_edit(self, city_id: str) -> bool:
        return self.everything or city_id in self.cities

    def within(self, city_ids) -> set[str]:
        """The cities of `city_ids` this access may edit."""
        return {c for c in city_ids if self.may_edit(c)}

    @property
    def granted(self) -> bool:
        return self.everything or bool(self.cities)


NO_ACCESS = Access()


@dataclass(frozen=True)
class EditingConfig:
    """The passwords that open editing, as digests; problems with the configuration in words."""

    lead_digest: bytes | None = None
    city_digests: Mapping[str, bytes] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return self.lead_digest is not None or bool(self.city_digests)

    @property
    def configured_cities(self) -> frozenset[str]:
        """Cities that have a password of their own (not secret: only their ids)."""
        return frozenset(self.city_digests)

    def sign_in(self, password: str) -> Access:
        """What `password` opens: NO_ACCESS when it opens nothing (never says why).

        Every configured password is compared, in constant time each, whatever matches
        first, so the time taken does not tell which one came close.
        """
        if not isinstance(password, str) or not password:
            return NO_ACCESS
        given = _digest(password)
        everything = self.lead_digest is not None and hmac.compare_digest(given, self.lead_digest)
        cities = frozenset(
            city for city, digest in sorted(self.city_digests.items()) if hmac.compare_digest(given, digest)
        )
        if everything:
            return Access(everything=True)
        return Access(cities=cities)


def _text(value) -> str | None:
    """A configured password as text, or None when it is not set (blank counts as not set)."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    return value or None


def _cities_from_environment(value: str, problems: list[str]) -> dict[str, str]:
    """`fot=secret,isernia=other` -> {"fot": "secret", "isernia": "other"}."""
    cities: dict[str, str] = {}
    for number, entry in enumerate(value.split(","), start=1):
        if not entry.strip():
            continue
        city, sep, password = entry.partition("=")
        city = city.strip()
        if not sep or not city:
            problems.append(
                f"{CITIES_VARIABLE}: entry {number} is not written as city-id=password "
                "(for example fot=...,isernia=...); it was ignored."
            )
            continue
        if _text(password) is None:
            problems.append(f"{CITIES_VARIABLE}: the password for '{city}' is empty; it was ignored.")
            continue
        cities[city] = _text(password)
    return cities


def editing_config(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> EditingConfig:
    """The editing configuration from Streamlit secrets and the environment (plain dicts).

    Editing is off unless a lead password or at least one city password is set.
    """
    secrets = secrets or {}
    environ = environ or {}
    problems: list[str] = []

    section = secrets.get(SECRETS_SECTION) or {}
    if not isinstance(section, Mapping):
        problems.append(
            f"secrets: [{SECRETS_SECTION}] must be a section with lead_password and [editing.cities]."
        )
        section = {}
    lead = _text(environ.get(LEAD_VARIABLE)) or _text(section.get("lead_password"))

    cities: dict[str, str] = {}
    in_secrets = section.get("cities") or {}
    if not isinstance(in_secrets, Mapping):
        problems.append(
            f'secrets: [{SECRETS_SECTION}.cities] must be a section of city-id = "password" lines.'
        )
        in_secrets = {}
    for city, password in in_secrets.items():
        if _text(password) is None:
            problems.append(
                f"secrets: [{SECRETS_SECTION}.cities] {city}: the password is empty; it was ignored."
            )
            continue
        cities[str(city).strip()] = _text(password)
    if environ.get(CITIES_VARIABLE):
        cities.update(_cities_from_environment(environ[CITIES_VARIABLE], problems))

    return EditingConfig(
        lead_digest=_digest(lead) if lead else None,
        city_digests={city: _digest(password) for city, password in sorted(cities.items())},
        problems=tuple(problems),
    )


def unknown_cities(config: EditingConfig, city_ids) -> list[str]:
    """Cities with a password that are not in the data (a typo in the configuration?)."""
    return sorted(config.configured_cities - set(city_ids))
