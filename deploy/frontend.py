"""Prints, for deploy/run-proxy.sh, where the proxy serves Streamlit's front-end files from,
and the CSP hashes of the inline scripts of Streamlit's page (Streamlit's, not ours: one line
that sets a flag).

The files are copied once per Streamlit version (into IAP_FRONTEND_DIR/<version>/, by default
.workspace/frontend/ in the repository's folder) with a gzip copy of each text file beside it,
so that Caddy sends them compressed without compressing them again for every visitor
(`precompressed` in the Caddyfile). The copy is made in a folder of its own and then renamed:
two proxies starting at once (two test workers) never see, or make, a half-made copy."""

import base64
import contextlib
import gzip
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

COMPRESSED = {".js", ".css", ".html", ".json", ".svg", ".ttf", ".otf", ".map", ".txt", ".wasm"}

# Found, not imported: importing streamlit takes a second of CPU, before every start of the proxy.
source = Path(importlib.util.find_spec("streamlit").submodule_search_locations[0]) / "static"
version = importlib.metadata.version("streamlit")
target = Path(os.environ.get("IAP_FRONTEND_DIR") or ".workspace/frontend").resolve() / version
if not target.is_dir():
    target.parent.mkdir(parents=True, exist_ok=True)
    making = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent)) / "static"
    shutil.copytree(source, making)
    for path in making.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSED and path.stat().st_size > 1024:
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    with contextlib.suppress(OSError):  # another proxy's copy was renamed there first: the same files
        making.rename(target)
    shutil.rmtree(making.parent, ignore_errors=True)

page = (source / "index.html").read_text(encoding="utf-8")
inline = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
hashes = " ".join(
    f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
)
print(f"export IAP_STREAMLIT_STATIC={shlex.quote(str(target))}")
print(f"export IAP_SCRIPT_HASHES={shlex.quote(hashes)}")
