"""workspace.accounts and the `accounts` command: hashes only, sign-in slowed per account, sessions."""

from __future__ import annotations

import base64
import hashlib
import io

import pytest
from argon2 import PasswordHasher, extract_parameters

from cli.main import main
from workspace import accounts

PASSWORD = "correct horse battery"


@pytest.fixture
def path(tmp_path, monkeypatch):
    target = tmp_path / "workspace" / "accounts.yaml"
    monkeypatch.setenv(accounts.FILE_VARIABLE, str(target))
    return target


@pytest.mark.real_password_cost
def test_the_credentials_file_holds_no_password_in_any_form_but_its_hash(path):
    accounts.add("Anna Lead", PASSWORD, lead=True)
    accounts.add("Éva Kovács", "another long one", cities=("fot",))
    text = path.read_text(encoding="utf-8")
    for secret in (PASSWORD, "another long one"):
        raw = secret.encode()
        for form in (
            secret,
            secret.upper(),
            raw.hex(),
            base64.b64encode(raw).decode(),
            base64.b64encode(raw).decode().rstrip("="),
            hashlib.sha256(raw).hexdigest(),
            hashlib.md5(raw).hexdigest(),  # noqa: S324 - looked for, not used
            hashlib.sha1(raw).hexdigest(),  # noqa: S324 - looked for, not used
        ):
            assert form not in text
    assert text.count("$argon2id$") == 2
    # at the costs argon2 recommends (RFC 9106), not the cheap ones the other tests use
    recommended = PasswordHasher()
    for line in text.splitlines():
        if "$argon2id$" in line:
            used = extract_parameters(line.split(":", 1)[1].strip().strip("'\""))
            assert (used.time_cost, used.memory_cost, used.parallelism) == (
                recommended.time_cost,
                recommended.memory_cost,
                recommended.parallelism,
            )
    if hasattr(path, "stat"):
        import os

        if os.name == "posix":
            assert path.stat().st_mode & 0o077 == 0  # only its owner can read it


@pytest.mark.real_password_cost
def test_sign_in_with_the_name_or_the_id(path):
    accounts.add("Éva Kovács", PASSWORD, cities=("fot",))
    assert accounts.sign_in("Éva Kovács", PASSWORD).cities == ("fot",)
    assert accounts.sign_in("eva-kovacs", PASSWORD).id == "eva-kovacs"
    assert accounts.sign_in("eva-kovacs", "wrong password!", now=1e9) is None
    assert accounts.sign_in("nobody", PASSWORD, now=1e9) is None


def test_wrong_passwords_are_slowed_per_account_across_sessions(path):
    accounts.add("Anna Lead", PASSWORD, lead=True)
    now = 1_000_000.0
    for _ in range(accounts.FREE_FAILURES):
        assert accounts.sign_in("anna-lead", "not it at all", client="203.0.113.9", now=now) is None
    # the count is kept on the server: any session, any browser, any address sees the same pause
    with pytest.raises(accounts.Throttled, match="Too many wrong passwords"):
        accounts.sign_in("anna-lead", PASSWORD, client="198.51.100.1", now=now + 1)
    assert accounts.sign_in("anna-lead", PASSWORD, now=now + accounts.pause_after(3) + 0.1) is not None
    assert accounts.pause_after(2) == 0 and accounts.pause_after(3) == 2 and accounts.pause_after(40) == 900
    # another name is not slowed by Anna's failures
    assert accounts.sign_in("someone-else", "x", now=now) is None


def test_a_session_signs_in_until_signed_out_revoked_or_reset(path):
    anna = accounts.add("Anna Lead", PASSWORD, lead=True)
    eva = accounts.add("Éva Kovács", "another long one", cities=("fot",))
    token, _device = accounts.start_session(eva)
    assert accounts.account_for_session(token).id == "eva-kovacs"
    assert accounts.account_for_session(token + "x") is None
    accounts.reset_password(eva.id, "a brand new password")
    assert accounts.account_for_session(token) is None  # the old sign-in ended
    token, _device = accounts.start_session(accounts.find(eva.id))
    accounts.revoke(eva.id, by=anna.id)
    assert accounts.account_for_session(token) is None
    assert accounts.sign_in("eva-kovacs", "a brand new password", now=5e9) is None
    with pytest.raises(accounts.AccountError, match="last Lead Expert"):
        accounts.revoke(anna.id)


def test_the_command_makes_a_strong_password_and_prints_it_once(path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["accounts", "add", "Anna Lead", "--lead"]) == 0
    out = capsys.readouterr().out
    password = out.strip().splitlines()[-1].rsplit(": ", 1)[1]
    assert len(password) >= 16 and password not in path.read_text(encoding="utf-8")
    assert accounts.sign_in("anna-lead", password).lead
    monkeypatch.setattr("sys.stdin", io.StringIO("a password piped in\n"))
    assert main(["accounts", "add", "Éva Kovács", "--city", "fot"]) == 0
    out = capsys.readouterr().out
    assert "a password piped in" not in out and "Password" not in out
    assert accounts.sign_in("eva-kovacs", "a password piped in").cities == ("fot",)
    assert main(["accounts", "list"]) == 0
    listed = capsys.readouterr().out
    assert "eva-kovacs" in listed and "$argon2" not in listed
    assert main(["accounts", "revoke", "eva-kovacs"]) == 0
    assert main(["accounts", "add", "Anna Lead", "--lead"]) == 1  # the name is taken


def test_old_shared_passwords_become_accounts(path, capsys):
    said = accounts.migrate_environment(
        {"IAP_EDIT_PASSWORD": "the old lead password", "IAP_CITY_PASSWORDS": "fot=the old fot password"}
    )
    assert said == [
        "lead-expert: made from the old shared password",
        "fot-team: made from the old shared password",
    ]
    assert accounts.sign_in("lead-expert", "the old lead password").lead
    assert accounts.sign_in("fot team", "the old fot password").cities == ("fot",)


def test_the_first_account_command_the_app_gives_works_as_written(tmp_path):
    """The read-only notice tells whoever runs the server what to type; typed as written, in
    the project's folder, it makes the account (it once failed: 'No module named pandas')."""
    import os
    import re
    import shlex
    import subprocess

    from conftest import ROOT

    from workspace.access import READ_ONLY

    command = re.search(r"`([^`]*accounts add[^`]*)`", READ_ONLY).group(1)
    target = tmp_path / "accounts.yaml"
    made = subprocess.run(
        shlex.split(command),
        cwd=ROOT,
        env={**os.environ, accounts.FILE_VARIABLE: str(target)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    assert accounts.find("your-name", target).lead
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")
