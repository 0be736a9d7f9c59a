#!/usr/bin/env bash
# Installs the Debian libraries the app and its tests need, when they are missing.
# Qt's xcb plugin needs libxcb-icccm4 and libxcb-keysyms1 although its error names only
# xcb-cursor0 (TECH-NOTES §1); xvfb and imagemagick are for screenshots, poppler-utils for
# rendering PDFs to PNG in tests;
# minisign and age are the standard tools the package tests check our output against (DESIGN §6);
# softhsm2 is the PKCS#11 token the signature tests sign through, as an officer's USB token
# does (issue 15). icu-devtools (icupkg, genccode) and gcc let build.spec rebuild Qt's ICU data
# with only the Vietnamese and English locales (31 MB → 4 MB in the Linux bundle).
set -euo pipefail
pkgs=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
      xvfb xauth poppler-utils minisign age softhsm2 icu-devtools gcc)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian system; install Qt's runtime libraries yourself." >&2
  exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: need root to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
