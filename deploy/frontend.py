"""Prints, for deploy/run-proxy.sh, where Streamlit's front-end files are and the CSP hashes
of the inline scripts of its page (Streamlit's, not ours: one line that sets a flag)."""

import base64
import hashlib
import re
import shlex
from pathlib import Path

import streamlit

static = Path(streamlit.__file__).parent / "static"
page = (static / "index.html").read_text(encoding="utf-8")
inline = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
hashes = " ".join(
    f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
)
print(f"export IAP_STREAMLIT_STATIC={shlex.quote(str(static))}")
print(f"export IAP_SCRIPT_HASHES={shlex.quote(hashes)}")
