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
        "IAP_REDIRECT_OPTION": "" if domain else "auto_https disable_redirects",
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
    # localhost holds no second port open for redirects to HTTPS; a domain keeps them (port 80).
    assert ('"disable_redirects":true' in adapted.replace(" ", "")) is not bool(domain)


def _settings(tmp_path, text: str, **environment) -> dict:
    """What scripts/network.sh has in its environment after reading a settings file."""
    settings = tmp_path / "iap.env"
    settings.write_text(text, encoding="utf-8")
    shown = subprocess.run(
        ["bash", "-c", "set -euo pipefail; source scripts/read-settings.sh >/dev/null; env -0"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "IAP_ENV_FILE": str(settings), **environment},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    return dict(item.split("=", 1) for item in shown.stdout.split("\0") if "=" in item)


def test_make_network_reads_the_settings_file_the_services_read(tmp_path):
    example = (DEPLOY / "iap.env.example").read_text(encoding="utf-8")
    filled = example.replace("# IAP_DATA_REMOTE=", "IAP_DATA_REMOTE=").replace("# PORT=8501", 'PORT="8530"')
    assert filled.count("\nIAP_DATA_REMOTE=") == 1 and filled.count('\nPORT="8530"') == 1
    found = _settings(tmp_path, filled)
    assert found["IAP_DATA_REMOTE"] == "/srv/backup/iap-data.git"
    assert found["PORT"] == "8530"  # quotes as systemd reads them
    assert "DOMAIN" not in found  # commented out: not set


def test_the_command_line_wins_over_the_settings_file(tmp_path):
    found = _settings(tmp_path, "PORT=8530\nIAP_DATA_REMOTE=/srv/backup/iap-data.git\n", PORT="8620")
    assert found["PORT"] == "8620"
    assert found["IAP_DATA_REMOTE"] == "/srv/backup/iap-data.git"


def test_a_settings_file_named_but_missing_is_said_in_words(tmp_path):
    shown = subprocess.run(
        ["bash", "-c", "set -euo pipefail; source scripts/read-settings.sh"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "IAP_ENV_FILE": str(tmp_path / "missing.env")},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 1
    assert shown.stderr.strip() == f"The settings file {tmp_path / 'missing.env'} cannot be read."
