#!/usr/bin/env bash
# Makes sure axe-core (the npm package) is installed for the accessibility browser test.
set -euo pipefail
cd "$(dirname "$0")/../tests/axe"
if [ -f node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
echo "Installing axe-core (npm) for the accessibility test..."
npm install --no-audit --no-fund --silent
