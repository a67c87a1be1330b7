#!/usr/bin/env bash
# The app, listening on loopback only (PORT, default 8501): the proxy is the only way in.
# Run by `make network` and by deploy/iap-app.service, from the repository's folder.
set -euo pipefail
# serve.py then says its own address is the one behind the proxy (people open the proxy's).
export IAP_BEHIND_PROXY=1
exec .venv/bin/streamlit run serve.py \
  --server.address 127.0.0.1 --server.port "${PORT:-8501}" --server.headless true
