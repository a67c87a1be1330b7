"""The sign-in routes' own rules (server/routes.py), called as Starlette calls them."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest
from conftest import in_own_thread
from starlette.requests import Request

from server import routes
from workspace import accounts

PASSWORD = "the lead's long password"


def _request(method="POST", path=routes.SIGN_IN_PATH, headers=None, form=None, client="127.0.0.1"):
    body = urlencode(form or {}).encode()
    sent = {"done": False}

    async def receive():
        if sent["done"]:
            return {"type": "http.disconnect"}
        sent["done"] = True
        return {"type": "http.request", "body": body, "more_body": False}

    raw = {"host": "localhost:8443", "content-type": "application/x-www-form-urlencoded", **(headers or {})}
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in raw.items()],
        "client": (client, 50000),
        "server": ("127.0.0.1", 8501),
        "scheme": "http",
    }
    return Request(scope, receive)


def _run(coroutine):
    return in_own_thread(asyncio.run, coroutine)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/edit?city=fot", "/edit?city=fot"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_after_the_form_only_a_path_of_this_site(given, kept):
    assert routes.safe_next(given) == kept


def test_a_form_from_another_site_is_refused_and_signs_nobody_in(monkeypatch):
    accounts.add("Anna Lead", PASSWORD, lead=True)
    form = {"name": "Anna Lead", "password": PASSWORD, "next": "/"}
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}, {}):
        answer = _run(routes.sign_in(_request(headers=headers, form=form)))
        assert answer.status_code == 403 and "set-cookie" not in answer.headers


def test_a_right_password_sets_an_httponly_secure_strict_cookie_and_goes_back():
    accounts.add("Anna Lead", PASSWORD, lead=True)
    form = {"name": "Anna Lead", "password": PASSWORD, "next": "/edit"}
    answer = _run(routes.sign_in(_request(headers={"sec-fetch-site": "same-origin"}, form=form)))
    assert answer.status_code == 303 and answer.headers["location"] == "/edit"
    cookies = answer.headers.getlist("set-cookie")
    session = next(c for c in cookies if c.startswith("iap_session="))
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag in session
    token = session.split(";", 1)[0].split("=", 1)[1]
    assert accounts.account_for_session(token).id == "anna-lead"


def test_a_wrong_password_is_a_plain_page_that_keeps_the_name():
    accounts.add("Anna Lead", PASSWORD, lead=True)
    form = {"name": "Anna Lead", "password": "not it", "next": "/"}
    answer = _run(routes.sign_in(_request(headers={"sec-fetch-site": "same-origin"}, form=form)))
    page = answer.body.decode()
    assert answer.status_code == 401 and "set-cookie" not in answer.headers
    assert "do not match an account" in page and 'value="Anna Lead"' in page
    assert "Traceback" not in page and "<script" not in page


def test_a_broken_sessions_file_is_a_plain_message_not_a_traceback(tmp_path, monkeypatch):
    accounts.add("Anna Lead", PASSWORD, lead=True)
    accounts.session_store().path.write_bytes(b"this is not a database")
    form = {"name": "Anna Lead", "password": PASSWORD, "next": "/"}
    answer = _run(routes.sign_in(_request(headers={"sec-fetch-site": "same-origin"}, form=form)))
    assert answer.status_code == 503
    assert "Signing in is not possible right now" in answer.body.decode()


def test_the_address_behind_the_proxy_is_the_one_it_forwarded():
    behind = _request(headers={"x-forwarded-for": "198.51.100.7, 203.0.113.9"})
    assert routes.client_address(behind) == "203.0.113.9"  # the proxy's own entry, not a forged one
    direct = _request(headers={"x-forwarded-for": "198.51.100.7"}, client="192.0.2.50")
    assert routes.client_address(direct) == "192.0.2.50"  # only a proxy on this machine is believed


def test_health_answers_only_when_warmed_up(monkeypatch):
    monkeypatch.setattr(routes.Readiness, "ready", False)
    assert _run(routes.health(_request(method="GET"))).status_code == 503
    monkeypatch.setattr(routes.Readiness, "ready", True)
    assert _run(routes.health(_request(method="GET"))).status_code == 200


def test_signing_out_ends_the_session_and_clears_the_cookie():
    accounts.add("Anna Lead", PASSWORD, lead=True)
    token, _device = accounts.start_session(accounts.find("anna-lead"))
    request = _request(
        path=routes.SIGN_OUT_PATH,
        headers={"sec-fetch-site": "same-origin", "cookie": f"iap_session={token}"},
        form={"next": "/edit"},
    )
    answer = _run(routes.sign_out(request))
    assert answer.status_code == 303
    assert any(
        c.startswith('iap_session=""') or "Max-Age=0" in c for c in answer.headers.getlist("set-cookie")
    )
    assert accounts.account_for_session(token) is None


def test_xsrf_protection_stays_on():
    from pathlib import Path

    config = (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text(
        encoding="utf-8"
    )
    assert "enableXsrfProtection" not in config  # Streamlit's default: on
