"""The server: `make run` (or `streamlit run serve.py`) serves the dashboard (app.py) after
warming it up (ui/warm.py: the data loaded, each page's default view built), so the first
visitor of a fresh server finds the first chart as quickly as the next one does.

`streamlit run app.py` still works; its first visitor then waits for the data to load.
"""

import asyncio
import gc
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from ui.warm import warm


@asynccontextmanager
async def warm_up(_app):

    took = await asyncio.to_thread(warm)  # before the server takes its first request
    # What is loaded now stays for the server's life: keep it out of every garbage collection
    # (Streamlit collects after each script run, and each collection would walk it all again).
    gc.freeze()
    print(f"  Warmed up (ms): {took}", flush=True)
    yield


app = st.App(Path(__file__).parent / "app.py", lifespan=warm_up)
