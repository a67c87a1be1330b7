#!/usr/bin/env bash
# Caddy in front of the app (deploy/Caddyfile). Run by `make network` and by
# deploy/iap-proxy.service, from the repository's folder.
#   DOMAIN unset: https://localhost:HTTPS_PORT (default 8443), Caddy's local authority, no HTTP port.
#   DOMAIN=plans.example.org: https://DOMAIN on 443 with a real certificate (HTTP_PORT 80 too).
set -euo pipefail
export PORT="${PORT:-8501}"
if [ -n "${DOMAIN:-}" ]; then
  export HTTPS_PORT="${HTTPS_PORT:-443}" HTTP_PORT="${HTTP_PORT:-80}"
  export IAP_SITE="$DOMAIN" IAP_OCSP_OPTION="" IAP_REDIRECT_OPTION=""
else
  export HTTPS_PORT="${HTTPS_PORT:-8443}" HTTP_PORT="${HTTP_PORT:-8080}"
  export IAP_SITE="localhost:$HTTPS_PORT" IAP_OCSP_OPTION="ocsp_stapling off"
  export IAP_REDIRECT_OPTION="auto_https disable_redirects"
fi
# Caddy's certificates and its local authority: private, beside the accounts.
export IAP_CADDY_DATA="${IAP_CADDY_DATA:-$PWD/.workspace/caddy}"
mkdir -p "$IAP_CADDY_DATA" && chmod 700 "$IAP_CADDY_DATA"
export XDG_CONFIG_HOME="$IAP_CADDY_DATA/config" XDG_DATA_HOME="$IAP_CADDY_DATA/data"
# Streamlit's front-end files (copied with gzip copies once per Streamlit version, into
# IAP_FRONTEND_DIR, by default .workspace/frontend), and the
# hash of the one inline script of its page (allowed by that hash alone in the CSP).
eval "$(.venv/bin/python deploy/frontend.py)"
# Embedding in another site's page is off unless IAP_FRAME_ANCESTORS names the sites.
if [ -n "${IAP_FRAME_ANCESTORS:-}" ]; then
  export IAP_FRAME_OPTIONS=""
else
  export IAP_FRAME_ANCESTORS="'none'" IAP_FRAME_OPTIONS="DENY"
fi
exec caddy run --adapter caddyfile --config deploy/Caddyfile
