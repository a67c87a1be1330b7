"""Sign-ins kept on the server and the count of wrong passwords (workspace.sessions, through
workspace.accounts): each weakness of the old sign-in as a test that failed before."""

from __future__ import annotations

import contextlib
import threading

import pytest

from words.i18n import use_language
from workspace import accounts, changes, sessions

PASSWORD = "the lead's long password"
ATTACKER = "203.0.113.66"


@pytest.fixture
def path(tmp_path, monkeypatch):
    target = tmp_path / "workspace" / "accounts.yaml"
    monkeypatch.setenv(accounts.FILE_VARIABLE, str(target))
    accounts.add("Anna Lead", PASSWORD, lead=True)
    return target


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(path):
    token, _device = accounts.start_session(accounts.find("anna-lead"))
    copied = str(token)
    assert accounts.account_for_session(copied).id == "anna-lead"
    accounts.end_session(token)
    assert accounts.account_for_session(copied) is None


def test_the_server_keeps_only_a_digest_of_the_token(path):
    token, device = accounts.start_session(accounts.find("anna-lead"))
    stored = (path.with_name("sessions.sqlite3")).read_bytes()
    assert token.encode() not in stored and device.encode() not in stored


def test_an_idle_session_expires_and_a_used_one_lasts(path):
    store = accounts.session_store(path)
    now = 1_000_000.0
    token = store.start("anna-lead", now=now)
    assert store.account_for(token, now=now + sessions.IDLE_S - 10) == "anna-lead"  # used: seen again
    assert store.account_for(token, now=now + 2 * sessions.IDLE_S - 20) == "anna-lead"
    assert store.account_for(token, now=now + 4 * sessions.IDLE_S) is None  # left idle
    old = store.start("anna-lead", now=now)
    for day in range(1, sessions.SIGN_IN_DAYS + 1):
        assert store.account_for(old, now=now + day * 86400 - 1) == "anna-lead"
    assert store.account_for(old, now=now + sessions.SIGN_IN_DAYS * 86400 + 1) is None  # too old


def test_a_reset_or_a_revocation_ends_every_session_of_the_account(path):
    accounts.add("Éva Kovács", "another long one", cities=("fot",))
    eva = accounts.find("eva-kovacs")
    first, second = accounts.start_session(eva)[0], accounts.start_session(eva)[0]
    anna = accounts.start_session(accounts.find("anna-lead"))[0]
    accounts.reset_password("eva-kovacs", "a brand new password")
    assert accounts.account_for_session(first) is None and accounts.account_for_session(second) is None
    assert accounts.account_for_session(anna).id == "anna-lead"  # others' sessions go on
    third = accounts.start_session(accounts.find("eva-kovacs"))[0]
    accounts.revoke("eva-kovacs", by="anna-lead")
    assert accounts.account_for_session(third) is None


def test_strangers_cannot_lock_the_lead_out_of_a_device_she_signed_in_from(path):
    _token, device = accounts.start_session(accounts.sign_in("Anna Lead", PASSWORD))
    now = 2_000_000.0
    for second in range(0, 12 * 70, 70):  # twelve wrong attempts against her public account name
        with contextlib.suppress(accounts.Throttled):
            accounts.sign_in("anna-lead", "guess", client=ATTACKER, now=now + second)
    # a device that never signed in as her waits ...
    with pytest.raises(accounts.Throttled):
        accounts.sign_in("Anna Lead", PASSWORD, client="198.51.100.7", now=now + 12 * 70)
    # ... but her right password from her own device goes through at once
    assert accounts.sign_in("Anna Lead", PASSWORD, client="198.51.100.7", device=device, now=now + 12 * 70)


def test_wrong_passwords_stop_counting_after_the_window(path):
    now = 3_000_000.0
    for _ in range(10):
        with contextlib.suppress(accounts.Throttled):  # attempts while held back count for nothing
            accounts.sign_in("anna-lead", "guess", client=ATTACKER, now=now)
    later = now + sessions.WINDOW_S + 1
    assert accounts.sign_in("anna-lead", PASSWORD, now=later).id == "anna-lead"
    # one attempt every window renews nothing: each finds a count of one
    for step in range(1, 5):
        accounts.sign_in("anna-lead", "guess", client=ATTACKER, now=later + step * (sessions.WINDOW_S + 1))
        assert (
            accounts.session_store(path).failures(
                "account:anna-lead", later + step * (sessions.WINDOW_S + 1)
            )[0]
            == 1
        )


def test_old_failure_records_are_dropped_not_kept_forever(path):
    store = accounts.session_store(path)
    for minute in range(200):
        store.fail([f"client:{minute}"], now=minute * 60.0)
    import sqlite3

    with sqlite3.connect(path.with_name("sessions.sqlite3")) as db:
        kept = db.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
    assert kept <= sessions.WINDOW_S // 60 + 1


def test_a_client_guessing_many_names_is_slowed_itself(path):
    now = 4_000_000.0
    for number in range(sessions.FREE_FAILURES):
        assert accounts.sign_in(f"name-{number}", "guess", client=ATTACKER, now=now) is None
    with pytest.raises(accounts.Throttled):
        accounts.sign_in("yet-another", "guess", client=ATTACKER, now=now + 1)


def test_a_trusted_device_stops_being_trusted_after_several_wrong_passwords(path):
    _token, device = accounts.start_session(accounts.sign_in("Anna Lead", PASSWORD))
    for _ in range(sessions.DEVICE_FAILURES):
        accounts.sign_in("anna-lead", "guess", device=device, now=5_000_000.0)
    assert not accounts.session_store(path).knows_device(device, "anna-lead", now=5_000_000.0)


def test_no_lock_on_the_credentials_is_held_while_hashing(path):
    """The old sign-in held one file lock across the hash: here the credentials' lock is held
    by someone else (a save of the accounts), and a sign-in still finishes."""
    done = []
    with accounts._lock(path):
        worker = threading.Thread(target=lambda: done.append(accounts.sign_in("Anna Lead", PASSWORD)))
        worker.start()
        worker.join(timeout=60)
    assert done and done[0].id == "anna-lead"


@pytest.mark.parametrize(
    ("wait_s", "words"),
    [
        (0.4, "Wait 1 second,"),
        (1.0, "Wait 1 second,"),
        (2.5, "Wait 3 seconds,"),
        (60, "Wait 1 minute,"),
        (900, "Wait 15 minutes,"),
    ],
)
def test_the_wait_reads_right(wait_s, words):
    assert words in accounts.Throttled(wait_s).words()


def test_the_wait_in_french():
    with use_language("fr"):
        said = accounts.Throttled(1).words()
    assert "1 seconde" in said and "secondes" not in said


def test_the_write_path_holds_a_city_shared_password_to_its_city(tmp_path):
    author = changes.Author("beta team (shared password)", cities=("beta",))
    changes._check_allowed(author, ["cities/beta.yaml", "sources.yaml"])
    with pytest.raises(changes.NotAllowed, match="only the data of beta"):
        changes._check_allowed(author, ["cities/alpha.yaml"])
    changes._check_allowed(changes.command_line_author(), ["cities/alpha.yaml"])


def test_a_one_time_link_lasts_a_day(path):
    store = accounts.session_store(path)
    token = store.invite("anna-lead", now=1_000.0)
    assert store.invited(token, now=1_000.0 + sessions.INVITATION_S - 1) == "anna-lead"
    assert store.invited(token, now=1_000.0 + sessions.INVITATION_S + 1) is None
    assert store.use_invitation(token, now=1_000.0 + sessions.INVITATION_S + 1) is None
    fresh = store.invite("anna-lead")
    assert store.invited(token) is None  # a new link ends the earlier one
    assert store.use_invitation(fresh) == "anna-lead" and store.use_invitation(fresh) is None
