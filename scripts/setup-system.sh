#!/usr/bin/env bash
# Installs what a fresh Debian lacks for nianbao: Chromium (JavaScript-only list pages, print-to-PDF
# fixtures), LibreOffice Writer (DOC/WPS conversion, DOCX/PDF fixtures), a CJK font (PDFs with
# Chinese text), poppler-utils (pdftoppm, pdftotext, pdfinfo: the fixture script and the layout-variation
# generator), unzip (the generator's check of a DOCX's text) and util-linux's unshare (LibreOffice
# converts in a network namespace; essential on Debian, checked for other systems), tesseract-ocr with its
# Chinese model tesseract-ocr-chi-sim (OCR of scanned PDFs). Run by `npm start` and
# `npm test` before anything else. As root it installs what is missing with apt-get; otherwise it
# names the packages to install and stops. `--bench` also installs what only `npm run bench` uses:
# pdfminer.six (python3-pdfminer), the PDF extractor the throughput bench compares nianbao with.
set -euo pipefail

chromium_bin="${NIANBAO_CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_bin" ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer)
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -q .; }; then
  missing+=(fonts-wqy-zenhei)
fi
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>&1 | grep -qx chi_sim; } || missing+=(tesseract-ocr-chi-sim)
if [ "${1:-}" = "--bench" ]; then
  /usr/bin/python3 -c 'import pdfminer' >/dev/null 2>&1 || missing+=(python3-pdfminer)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "nianbao setup: installing ${missing[*]} (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "nianbao setup: done." >&2
  exit 0
fi

cat >&2 <<MSG
nianbao setup: this machine lacks ${missing[*]}.
Install them (Debian/Ubuntu) with:
    sudo apt-get install -y ${missing[*]}
Chromium may live elsewhere: set NIANBAO_CHROMIUM=/path/to/chromium.
MSG
exit 1
