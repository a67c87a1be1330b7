"""`make network` from outside, as a city team and as an attacker would try it: HTTPS through
Caddy with its local authority, signing in and out on the server's routes, the session cookie
out of reach of the page's scripts, a copied cookie worthless after sign-out, a revocation
ending another person's session, the headers and the front end the proxy serves, the app
refusing connections from outside loopback, and one SIGTERM stopping everything.

The browser ignores certificate errors (Caddy's root is not in Chromium's store, and must not
be put in the system's); the certificate chain is checked separately with Python's ssl against
Caddy's own root."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml
from browser_steps import open_page, settle, sign_in, wait_for_text
from conftest import REAL_DATA, ROOT

from workspace import accounts

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_network, settled_after  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() or shutil.which("caddy") is None,
        reason="Debian's chromium or caddy is not installed (make test / make network install them)",
    ),
]

ARTIFACTS = ROOT / "tests" / "artifacts" / "network"
LEAD_PASSWORD = "the lead's long password"
EVA_PASSWORD = "fot-library-2026"


def _sidebar(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def _outside_address() -> str | None:
    """An address of this machine that is not loopback (None when it has none)."""
    try:
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except OSError:
        return None
    return next((a for a in found if ":" not in a and not a.startswith("127.")), None)


def _refused(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=5):
            return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return True  # unreachable counts as not served too


def _get(address: str, trusted: ssl.SSLContext, headers: dict | None = None):
    request = urllib.request.Request(address, headers=headers or {})
    return urllib.request.urlopen(request, context=trusted, timeout=30)


def test_make_network_signs_in_over_https_and_ends_sessions_on_the_server(tmp_path, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir, ignore=shutil.ignore_patterns(".git", ".*.lock"))
    accounts.add("Anna Lead", LEAD_PASSWORD, lead=True)
    caddy = tmp_path / "caddy"

    with (
        running_network(str(data_dir), str(caddy)) as (base, app_port, make),
    ):
        https_port = int(base.rsplit(":", 1)[1])
        # The certificate: issued for localhost by Caddy's local authority, checked against its root.
        root = caddy / "pki" / "authorities" / "local" / "root.crt"
        trusted = ssl.create_default_context(cafile=str(root))
        with (
            socket.create_connection(("127.0.0.1", https_port), timeout=10) as raw,
            trusted.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            assert tls.getpeercert()["subjectAltName"] == (("DNS", "localhost"),)

        # The headers of every answer, and the front end served by the proxy: compressed, cached.
        page_answer = _get(f"{base}/", trusted)
        headers = page_answer.headers
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        script = next(
            line.split('src="./', 1)[1].split('"', 1)[0]
            for line in page_answer.read().decode().splitlines()
            if 'type="module"' in line
        )
        asset = _get(f"{base}/{script}", trusted, {"Accept-Encoding": "zstd, br, gzip"}).headers
        assert asset["Content-Encoding"] in ("zstd", "br", "gzip")
        assert "max-age=31536000" in asset["Cache-Control"] and "immutable" in asset["Cache-Control"]
        # The app itself: loopback only.
        outside = _outside_address()
        if outside is not None:
            assert _refused(outside, app_port), f"the app answered on {outside}:{app_port}"

        lead_context = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
        lead = lead_context.new_page()
        said = []  # what the browser reports: a script or style the CSP blocked would be here
        lead.on("console", lambda message: said.append(message.text))
        open_page(lead, f"{base}/?lang=fr")
        lead.wait_for_selector(".js-plotly-plot .svg-download", timeout=60000)  # our own scripts ran
        assert lead.evaluate("document.documentElement.lang") == "fr"
        assert not [text for text in said if "Content Security Policy" in text]
        open_page(lead, f"{base}/edit")
        sign_in(lead, "Anna Lead", LEAD_PASSWORD)
        assert "Signed in as Anna Lead (Lead Expert)" in lead.inner_text('[data-testid="stMain"]')
        lead.screenshot(path=str(ARTIFACTS / "1-signed-in.png"))

        # The cookie: set by the server, HttpOnly, Secure, SameSite=Strict; no script can read it.
        session = next(c for c in lead_context.cookies() if c["name"] == "iap_session")
        assert session["httpOnly"] and session["secure"] and session["sameSite"] == "Strict"
        assert session["value"] not in lead.evaluate("document.cookie")
        assert "iap_session" not in lead.evaluate("document.cookie")

        # Edit and save, over HTTPS.
        city = lead.locator('[data-testid="stSelectbox"]').filter(has_text="City").first
        city.click()
        lead.get_by_role("option", name="Isernia").click()
        wait_for_text(lead, "City id: isernia")
        with settled_after(lead):  # the tab's own rerun (st.tabs on_change="rerun")
            lead.get_by_role("tab", name="Actions").click()
        title = lead.get_by_label("Title", exact=True).first
        title.fill("Observatory on Social Isolation")
        title.press("Enter")
        wait_for_text(lead, "Unsaved changes")
        lead.get_by_role("button", name="Save", exact=True).click()
        wait_for_text(lead, "Saved Isernia: ")
        saved = yaml.safe_load((data_dir / "cities" / "isernia.yaml").read_text(encoding="utf-8"))
        assert saved["actions"][0]["title"] == "Observatory on Social Isolation"

        # A reload: still signed in.
        open_page(lead, f"{base}/edit")
        assert "Signed in as Anna Lead" in _sidebar(lead)

        # A second tab, and a copy of the cookie taken before signing out.
        second = lead_context.new_page()
        open_page(second, f"{base}/history")
        assert "Signed in as Anna Lead" in _sidebar(second)
        copied = browser.new_context(ignore_https_errors=True)
        copied.add_cookies([session])

        lead.bring_to_front()
        lead.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out").click()
        lead.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        settle(lead)
        assert "Signed in as" not in _sidebar(lead)
        # The second tab's next click finds the session ended on the server.
        second.bring_to_front()
        second.locator('[data-testid="stSidebarNav"] a').filter(has_text="Accounts").first.click()
        settle(second)
        assert "Signed in as" not in _sidebar(second)
        # The copied cookie, in a fresh browser, opens nothing.
        stolen = copied.new_page()
        open_page(stolen, f"{base}/edit")
        assert "Signed in as" not in _sidebar(stolen)
        assert stolen.get_by_role("link", name="Sign in to edit").count() == 1

        # A wrong password: a plain message, the name kept, nothing set.
        stolen.get_by_role("link", name="Sign in to edit").click()
        stolen.get_by_label("Your name").fill("Anna Lead")
        stolen.get_by_label("Password").fill("not the password")
        stolen.get_by_role("button", name="Sign in").click()
        stolen.wait_for_selector("#message")
        assert "do not match an account" in stolen.inner_text("#message")
        assert stolen.get_by_label("Your name").input_value() == "Anna Lead"

        # A new account with a one-time link: Éva chooses her own password with it.
        # The lead's tab to the front again: a tab behind others gets its animation frames
        # throttled, and each click there (which waits for frames) took 2 s more.
        lead.bring_to_front()
        open_page(lead, f"{base}/accounts")
        sign_in(lead, "Anna Lead", LEAD_PASSWORD)
        lead.get_by_role("textbox", name="Their name").fill("Éva Kovács")
        lead.locator('[data-testid="stSelectbox"]').filter(has_text="What they edit").first.click()
        lead.get_by_role("option", name="Fót", exact=True).click()
        lead.get_by_role("button", name="Add the account").click()
        wait_for_text(lead, "Give them the link below")
        link = lead.locator('[data-testid="stCode"]').last.inner_text().strip()
        assert link.startswith(f"{base}/account/welcome?token=")
        eva = browser.new_context(ignore_https_errors=True).new_page()
        eva.goto(link)
        eva.get_by_label("Your new password").fill(EVA_PASSWORD)
        eva.get_by_label("The same password again").fill(EVA_PASSWORD)
        eva.get_by_role("button", name="Set my password and sign in").click()
        eva.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        settle(eva)
        assert "Signed in as Éva Kovács" in _sidebar(eva)
        used = browser.new_context(ignore_https_errors=True).new_page()
        used.goto(link)
        assert "no longer valid" in used.inner_text("#message")  # used once

        # A revocation ends another person's session at her next click.
        lead.bring_to_front()
        open_page(lead, f"{base}/accounts")
        lead.get_by_role("tab", name="Revoke an account").click()  # shown in the page, no rerun
        box = lead.locator('[data-testid="stSelectbox"]').filter(has_text="Account").filter(visible=True)
        box.first.wait_for(state="visible")
        box.first.click()
        lead.get_by_role("option", name="eva-kovacs (Fót)").click()
        lead.get_by_text("Yes: this account can no longer sign in or save").click()
        lead.get_by_role("button", name="Revoke").click()
        wait_for_text(lead, "account is revoked")
        eva.bring_to_front()
        eva.locator('[data-testid="stSidebarNav"] a').filter(has_text="History").first.click()
        settle(eva)
        assert "Signed in as" not in _sidebar(eva)
        lead.screenshot(path=str(ARTIFACTS / "2-revoked.png"))

        # One SIGTERM to make stops everything it started.
        make.send_signal(signal.SIGTERM)
        make.wait(timeout=60)
        assert _refused("127.0.0.1", app_port) and _refused("127.0.0.1", https_port)
        with pytest.raises(ProcessLookupError):
            os.killpg(make.pid, 0)  # nothing of its process group is left


def test_a_lost_disk_is_restored_from_the_backup_by_make_network(tmp_path, browser):
    """The backup remote end to end: a save pushed, the server's disk lost, `make network` on
    an empty data folder with the same remote brings everything back, and the page shows it."""

    from conftest import MINI
    from dulwich import porcelain

    from workspace import changes, history, store

    remote = tmp_path / "backup.git"
    porcelain.init(str(remote), bare=True)
    data_dir = tmp_path / "data"
    shutil.copytree(MINI, data_dir)
    accounts.add("Anna Lead", LEAD_PASSWORD, lead=True)
    environment = {**os.environ, history.REMOTE_VARIABLE: str(remote)}
    os.environ[history.REMOTE_VARIABLE] = str(remote)
    try:
        text, version = store.read_with_version(data_dir / "cities/alpha.yaml")
        saved = changes.save(
            data_dir,
            {"cities/alpha.yaml": text.replace("name: Alphaville", "name: Alpha Town")},
            {"cities/alpha.yaml": version},
            changes.Author("Anna Lead", "anna-lead"),
            "Alpha: renamed",
        )
    finally:
        del os.environ[history.REMOTE_VARIABLE]
    assert saved.backup_ok, saved.backup
    kept = {
        p.relative_to(data_dir): p.read_bytes() for p in data_dir.rglob("*.yaml") if ".git" not in p.parts
    }
    shutil.rmtree(data_dir)  # the server's disk is lost
    data_dir.mkdir()

    with (
        running_network(str(data_dir), str(tmp_path / "caddy"), env=environment) as (base, _port, _make),
    ):
        restored = {
            p.relative_to(data_dir): p.read_bytes() for p in data_dir.rglob("*.yaml") if ".git" not in p.parts
        }
        assert restored == kept
        assert history.log(data_dir)[0].message.startswith("Alpha: renamed")
        page = browser.new_context(ignore_https_errors=True).new_page()
        open_page(page, f"{base}/mycity?city=alpha")
        assert "Alpha Town" in page.inner_text('[data-testid="stMain"]')
