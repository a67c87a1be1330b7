#!/usr/bin/env bash
# Makes sure LibreOffice Impress (the deck is converted to PDF in a test) and poppler-utils
# (pdftoppm, to look at PDF pages) are installed: Debian packages.
set -euo pipefail
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null; then
  exit 0
fi
echo "Installing LibreOffice Impress and poppler-utils (Debian packages) for the deck and report tests..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress poppler-utils >/dev/null
soffice --version
