#!/usr/bin/env bash
# Copies the data's history to the backup remote (IAP_DATA_REMOTE) and brings in what it has
# (every save pushes already; this catches up after a failed push). Run by
# deploy/iap-backup.timer and once by `make network` when a remote is set.
set -euo pipefail
exec .venv/bin/python -m models workspace sync
