"""Signing in and out as server routes, beside the Streamlit app (st.App's `routes`).

    GET  /account/sign-in    the sign-in page (a plain HTML form: no script)
    POST /account/sign-in    checks the name and password; on success sets the session cookie
    POST /account/sign-out   ends the session on the server and clears the cookie
    GET  /account/welcome    a one-time link's page: the new person chooses their password
    POST /account/welcome    sets it (the link is used up) and signs them in
    GET  /account/health     200 once the app has warmed up (the lifespan), 503 before

Only the server writes the session cookie, `HttpOnly; Secure; SameSite=Strict`: no script in
the page can read it or send it elsewhere. The cookie holds a random token; the session itself
is a record on the server (workspace.sessions), so signing out ends it for every copy of the
cookie. A second cookie of the same kind remembers the device, so that strangers guessing at
a public account name cannot lock its owner out (workspace.accounts.sign_in).

A form is accepted only from a page of this same site (the browser's Origin, or
Sec-Fetch-Site): another site cannot sign a visitor in or out. Streamlit's own XSRF
protection is untouched; these routes are outside it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from words.i18n import _, known_language, use_language
from workspace import accounts

log = logging.getLogger(__name__)

SESSION_COOKIE = "iap_session"
DEVICE_COOKIE = "iap_device"
DEVICE_DAYS = 365
SIGN_IN_PATH = "/account/sign-in"
SIGN_OUT_PATH = "/account/sign-out"
HEALTH_PATH = "/account/health"
WELCOME_PATH = "/account/welcome"  # the one-time link: ?token=...

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)


class Readiness:
    """Whether the app's lifespan has finished warming up (the health route's answer)."""

    ready = False


# --- small rules -----------------------------------------------------------------------------


def safe_next(value: str | None) -> str:
    """Where to go after the form: a path of this site only, never another site's address."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    return value


def same_site(request: Request) -> bool:
    """The form was sent by a page of this site (a browser says so in Origin or Sec-Fetch-Site)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if not origin:
        return False
    return urlsplit(origin).netloc == request.headers.get("host", "")


def client_address(request: Request) -> str:
    """The visitor's address: the proxy's X-Forwarded-For (its last entry, the one the proxy
    wrote) when the request came through a proxy on this machine, else the peer itself."""
    peer = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-for", "")
    if forwarded and peer in ("127.0.0.1", "::1"):
        return forwarded.split(",")[-1].strip()
    return peer


def _language(request: Request) -> str:
    return known_language(request.query_params.get("lang"))


def _page(
    request: Request, *, name: str = "", message: str = "", status_code: int = 200, signed_in=None
) -> HTMLResponse:
    with use_language(_language(request)) as language:
        html = _templates.get_template("account.html").render(
            _=_,
            language=language,
            action=SIGN_IN_PATH,
            sign_out=SIGN_OUT_PATH,
            next=safe_next(request.query_params.get("next")),
            name=name,
            message=message,
            signed_in=signed_in,
        )
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})


def _set(response: Response, cookie: str, value: str, days: int) -> None:
    response.set_cookie(
        cookie, value, max_age=days * 86400, path="/", secure=True, httponly=True, samesite="strict"
    )


def _clear(response: Response, cookie: str) -> None:
    response.delete_cookie(cookie, path="/", secure=True, httponly=True, samesite="strict")


# --- the routes ------------------------------------------------------------------------------


async def sign_in_page(request: Request) -> Response:
    signed_in = accounts.account_for_session(request.cookies.get(SESSION_COOKIE))
    return _page(request, signed_in=signed_in)


async def sign_in(request: Request) -> Response:
    if not same_site(request):
        return PlainTextResponse("This form can only be sent from the dashboard's own page.", status_code=403)
    form = await request.form()
    name = str(form.get("name") or "").strip()
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or "/"))
    with use_language(_language(request)):
        try:
            account = await _in_thread(
                accounts.sign_in,
                name,
                password,
                client=client_address(request),
                device=request.cookies.get(DEVICE_COOKIE),
            )
        except accounts.Throttled as wait:
            return _page(request, name=name, message=wait.words(), status_code=429)
        except (accounts.AccountError, sqlite3.Error, OSError) as error:
            log.warning("Sign-in could not be checked: %s", error)
            message = _("Signing in is not possible right now. Try again in a minute.")
            return _page(request, name=name, message=message, status_code=503)
        if account is None:
            return _page(request, name=name, message=_(accounts.REFUSED), status_code=401)
        token, device = accounts.start_session(account, request.cookies.get(DEVICE_COOKIE))
    response = RedirectResponse(target, status_code=303)
    _set(response, SESSION_COOKIE, token, accounts.SIGN_IN_DAYS)
    _set(response, DEVICE_COOKIE, device, DEVICE_DAYS)
    return response


async def sign_out(request: Request) -> Response:
    if not same_site(request):
        return PlainTextResponse("This form can only be sent from the dashboard's own page.", status_code=403)
    form = await request.form()
    accounts.end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(safe_next(str(form.get("next") or "/")), status_code=303)
    _clear(response, SESSION_COOKIE)
    return response


def _welcome_page(request: Request, token: str, message: str = "", status_code: int = 200) -> HTMLResponse:
    account = accounts.invited_account(token)
    with use_language(_language(request)) as language:
        if account is None and not message:
            message = _(accounts.LINK_GONE)
        html = _templates.get_template("welcome.html").render(
            _=_,
            language=language,
            action=WELCOME_PATH,
            token=token,
            account=account,
            message=message,
            minimum=accounts.MIN_PASSWORD,
        )
    # no-store: the page holds the link's token; no-referrer: nor does any address it leads to.
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    return HTMLResponse(html, status_code=status_code if account else 410, headers=headers)


async def welcome_page(request: Request) -> Response:
    return _welcome_page(request, request.query_params.get("token", ""))


async def welcome(request: Request) -> Response:
    if not same_site(request):
        return PlainTextResponse("This form can only be sent from the dashboard's own page.", status_code=403)
    form = await request.form()
    token = str(form.get("token") or "")
    password = str(form.get("password") or "")
    with use_language(_language(request)):
        if password != str(form.get("again") or ""):
            return _welcome_page(request, token, _("The two passwords differ: type the same one twice."), 400)
        try:
            account = await _in_thread(accounts.set_password_with_link, token, password)
        except accounts.AccountError as error:
            return _welcome_page(request, token, _(str(error)), 400)
        session, device = accounts.start_session(account, request.cookies.get(DEVICE_COOKIE))
    response = RedirectResponse("/", status_code=303)
    _set(response, SESSION_COOKIE, session, accounts.SIGN_IN_DAYS)
    _set(response, DEVICE_COOKIE, device, DEVICE_DAYS)
    return response


async def health(_request: Request) -> Response:
    if not Readiness.ready:
        return PlainTextResponse("warming up", status_code=503)
    return PlainTextResponse("ok")


async def _in_thread(function, *args, **kwargs):
    # Hashing a password takes a moment of CPU: off the event loop, so other visitors go on.
    # Deferred: starlette's thread pool is imported only when a sign-in needs it.
    import functools

    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(functools.partial(function, *args, **kwargs))


ROUTES = [
    Route(SIGN_IN_PATH, sign_in_page, methods=["GET"]),
    Route(SIGN_IN_PATH, sign_in, methods=["POST"]),
    Route(SIGN_OUT_PATH, sign_out, methods=["POST"]),
    Route(WELCOME_PATH, welcome_page, methods=["GET"]),
    Route(WELCOME_PATH, welcome, methods=["POST"]),
    Route(HEALTH_PATH, health, methods=["GET"]),
]
