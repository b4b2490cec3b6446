#!/usr/bin/env bash
# Debian packages the Python packages, the tests and the PDF build need. Installs only what is missing,
# and only when running as root; otherwise says what to install.
set -euo pipefail

packages=(
  g++               # PyICU (ICU collation: glossaries sorted in each language's order) is built
  libicu-dev        # ... from source by pip, against Debian's ICU ...
  pkg-config        # ... which it finds with pkg-config
  chromium          # headless browser for tests, checklist PDFs and posters (/usr/bin/chromium)
  fonts-noto-core   # glyphs for Arabic, Tigrinya (Ge'ez) and Ukrainian (Cyrillic)
  hunspell          # spelling of the Norwegian pages ...
  hunspell-no       # ... with Debian's Norwegian dictionary (nb_NO)
  nginx             # tests/test_nginx.py runs deploy/nginx.conf for real
  poppler-utils     # pdffonts/pdftoppm: the PDF tests look at fonts and pages
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
