"""deploy/: what a server runs is what `make network` runs (the units' own ExecStart lines),
the app listens on loopback only, and the Caddyfile is one Caddy accepts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _exec_start(unit: str) -> str:
    lines = [line for line in (DEPLOY / unit).read_text().splitlines() if line.startswith("ExecStart=")]
    assert len(lines) == 1, f"{unit}: one ExecStart line"
    return lines[0].removeprefix("ExecStart=")


@pytest.mark.parametrize(
    ("unit", "script"),
    [
        ("iap-app.service", "deploy/run-app.sh"),
        ("iap-proxy.service", "deploy/run-proxy.sh"),
        ("iap-backup.service", "deploy/backup.sh"),
    ],
)
def test_each_unit_runs_a_script_that_make_network_runs_too(unit, script):
    assert _exec_start(unit) == f"/bin/bash {script}"
    assert (ROOT / script).is_file()
    assert f"command_of {unit}" in (ROOT / "scripts" / "network.sh").read_text()


def test_the_app_listens_on_loopback_only():
    assert "--server.address 127.0.0.1" in (DEPLOY / "run-app.sh").read_text()
    assert "reverse_proxy 127.0.0.1:{$PORT}" in (DEPLOY / "Caddyfile").read_text()


def test_the_timer_starts_the_backup():
    timer = (DEPLOY / "iap-backup.timer").read_text()
    assert "OnCalendar=" in timer and "[Install]" in timer


@pytest.mark.skipif(shutil.which("caddy") is None, reason="caddy is not installed (make network installs it)")
@pytest.mark.parametrize("domain", ["", "plans.example.org"])
def test_caddy_accepts_the_caddyfile_for_localhost_and_for_a_domain(tmp_path, domain):
    env = {
        **os.environ,
        "PORT": "8501",
        "HTTPS_PORT": "8443" if not domain else "443",
        "HTTP_PORT": "8080" if not domain else "80",
        "IAP_SITE": domain or "localhost:8443",
        "IAP_OCSP_OPTION": "" if domain else "ocsp_stapling off",
        "IAP_CADDY_DATA": str(tmp_path),
        "IAP_STREAMLIT_STATIC": str(tmp_path),
        "IAP_SCRIPT_HASHES": "'sha256-AAAA'",
        "IAP_FRAME_ANCESTORS": "'none'",
        "IAP_FRAME_OPTIONS": "DENY",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    checked = subprocess.run(
        ["caddy", "adapt", "--adapter", "caddyfile", "--config", str(DEPLOY / "Caddyfile")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    adapted = checked.stdout
    assert "Strict-Transport-Security" in adapted and "frame-ancestors 'none'" in adapted
    assert '"install_trust":false' in adapted.replace(" ", "")  # skip_install_trust
