#!/usr/bin/env bash
# Set up parlbrief on a fresh Debian machine and build the example briefings.
#   ./setup.sh         install everything, then build the example briefings into build/
#   ./setup.sh test    install the test extras too, then run ruff, mypy and the tests
set -euo pipefail
cd "$(dirname "$0")"

# System libraries WeasyPrint needs: Pango for text layout; libharfbuzz-subset0 for fast
# font subsetting (without it WeasyPrint falls back to fontTools and is ~3x slower);
# Lato, the example brand's typeface; poppler-utils to turn PDF pages into pictures;
# Cairo, with which CairoSVG draws an SVG logo as a picture for Word.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-lato poppler-utils libcairo2)
# The tests open the web pages in a real browser: Debian's Chromium, driven by
# Playwright (whose own browser download cannot be used on every machine); and the
# Word files in a real office, LibreOffice (Writer, without its desktop).
[ "${1:-}" = "test" ] && packages+=(chromium libreoffice-writer-nogui)
# Python 3.11+ able to make a virtual environment, unless .venv is already there
# (Debian ships ensurepip, which venv needs, separately in python3-venv).
if [ ! -x .venv/bin/python ] && ! python3 -m ensurepip --version >/dev/null 2>&1; then
  packages+=(python3 python3-venv)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet: update only when the install needs it.
  $sudo apt-get install -y "${missing[@]}" || { $sudo apt-get update && $sudo apt-get install -y "${missing[@]}"; }
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extras=""; [ "${1:-}" = "test" ] && extras="[test]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"

if [ "${1:-}" = "test" ]; then
  .venv/bin/ruff check src tests bench
  .venv/bin/ruff format --check src tests bench
  .venv/bin/mypy
  .venv/bin/python -m pytest
else
  .venv/bin/parlbrief build
fi
