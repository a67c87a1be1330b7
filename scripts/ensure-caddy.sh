#!/usr/bin/env bash
# Makes sure Caddy (Debian package) is installed for `make network`.
set -euo pipefail
if command -v caddy >/dev/null 2>&1; then
  exit 0
fi
echo "Installing Caddy (Debian package) for the HTTPS proxy..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq caddy >/dev/null
# Debian starts a caddy service of its own on port 80; this project runs its own.
$SUDO systemctl disable --now caddy >/dev/null 2>&1 || true
caddy version
