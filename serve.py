"""The server: `make run` (or `streamlit run serve.py`) serves the dashboard (app.py) after
warming it up (ui/warm.py: the data loaded, each page's default view built), so the first
visitor of a fresh server finds the first chart as quickly as the next one does.

Signing in and out are server routes beside the app (server/routes.py): the server sets
and clears the HttpOnly session cookie. /account/health answers 200 once the warm-up is done.

`streamlit run app.py` still works (without the sign-in routes: read-only, or the old shared
passwords); its first visitor then waits for the data to load.
"""

import asyncio
import gc
import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from server.routes import ROUTES, Readiness
from ui.warm import warm
from ui.workspace import prepare


@asynccontextmanager
async def warm_up(_app):

    # The warm-up fills Streamlit's caches outside any page's run: Streamlit warns once per
    # cached call that there is no page ("missing ScriptRunContext"), which nobody can act on.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        # A crash's half-done save finished, the backup's commits brought in (an empty data
        # folder filled from it), then the data loaded and each page's default view built.
        await asyncio.to_thread(prepare)
        took = await asyncio.to_thread(warm)  # before the server takes its first request
    finally:
        quiet.setLevel(level)
    # What is loaded now stays for the server's life: keep it out of every garbage collection
    # (Streamlit collects after each script run, and each collection would walk it all again).
    gc.freeze()
    print(f"  Warmed up (ms): {took}", flush=True)
    Readiness.ready = True
    # Said only now, when the first visitor finds the app ready (Streamlit's own "You can now
    # view" line is switched off in .streamlit/config.toml: it came before the warm-up).
    host = st.get_option("server.address") or "localhost"
    address = f"http://{host}:{st.get_option('server.port')}"  # the bound port, also when asked for 0
    if os.environ.get("IAP_BEHIND_PROXY"):
        # deploy/run-app.sh: people open the proxy's address (said by `make network`), not this one.
        print(f"  The app is ready behind the proxy: {address} (loopback only)", flush=True)
    else:
        print(f"  The dashboard is ready: {address}", flush=True)
    yield
    Readiness.ready = False


app = st.App(Path(__file__).parent / "app.py", lifespan=warm_up, routes=ROUTES)
