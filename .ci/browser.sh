#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive (tests/e2e): Debian's chromium, when it is missing.
# Playwright for Python drives it through executable_path; `playwright install` is never run, so no
# browser is downloaded from outside the distribution's archive.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    /usr/bin/chromium --version 2>/dev/null || true
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
/usr/bin/chromium --version 2>/dev/null || true
