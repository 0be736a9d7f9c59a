#!/usr/bin/env bash
# Build the PyInstaller one-folder bundle and run the frozen app once, headless.
#
#     bash scripts/build_smoke.sh [DIR]      (DIR defaults to a new temporary directory)
#
# Builds into DIR/dist/hoso (work files in DIR/build), then runs, with QT_QPA_PLATFORM=offscreen:
#   hoso --version, hoso-gui --version, hoso selftest (must pass),
#   hoso demo --data-dir DIR/demo (skipped if this build has no demo command yet: it renders the
#   dossier, exports the signed package and has the province receive it), hoso package verify
#   on that package, and the window itself on the demo data for a few seconds (it must not
#   crash). The selftest includes printing a PDF page through pdfium and QtPrintSupport, the
#   print preview's path.
# Prints the build time and the size of the bundle as KEY=value lines at the end.
# Exit status: 0 if everything passed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"
OUT="${1:-$(mktemp -d -t hoso-build-XXXXXX)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
DIST="$OUT/dist/hoso"
LOG="$OUT/pyinstaller.log"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "pyinstaller build.spec → $DIST (log: $LOG)"
started=$(date +%s%N)
if ! "$VENV/bin/pyinstaller" --noconfirm --distpath "$OUT/dist" --workpath "$OUT/build" \
        build.spec >"$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    fail "pyinstaller failed"
fi
build_ms=$(( ($(date +%s%N) - started) / 1000000 ))

[ -x "$DIST/hoso" ] || [ -f "$DIST/hoso.exe" ] || fail "no hoso executable in $DIST"
[ -x "$DIST/hoso-gui" ] || [ -f "$DIST/hoso-gui.exe" ] || fail "no hoso-gui executable in $DIST"
for f in LiberationSerif-Regular.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf \
         LiberationSerif-BoldItalic.ttf LICENSE-LiberationSerif-OFL.txt; do
    [ -f "$DIST/_internal/resources/fonts/$f" ] || fail "resources/fonts/$f missing from the bundle"
done
[ -f "$DIST/_internal/resources/translations/en/LC_MESSAGES/hoso.mo" ] \
    || fail "English catalogue missing from the bundle"
[ -d "$DIST/_internal/forms/titles" ] || fail "forms/ missing from the bundle"
if find "$DIST" -ipath '*keyrings*alt*' | grep -q .; then
    fail "keyrings.alt is in the bundle: it stores secrets in plain text"
fi

export QT_QPA_PLATFORM=offscreen
HOSO="$DIST/hoso"
[ -f "$DIST/hoso.exe" ] && HOSO="$DIST/hoso.exe"

step "hoso --version"
"$HOSO" --version
step "hoso-gui --version"
if [ -f "$DIST/hoso-gui.exe" ]; then
    echo "(windowed on Windows: it cannot print; skipped)"
else
    "$DIST/hoso-gui" --version
fi

step "hoso selftest"
"$HOSO" selftest || fail "the frozen selftest failed"

step "hoso demo --data-dir $OUT/demo"
demo_status=0
demo_output=$("$HOSO" demo --data-dir "$OUT/demo" --out "$OUT/demo-out" 2>&1) || demo_status=$?
echo "$demo_output"
demo_ran=1
if [ "$demo_status" -ne 0 ]; then
    if grep -q "No module named 'desktop.core.operations.demo'" <<<"$demo_output"; then
        echo "(this build has no demo command yet: skipped)"
        demo_ran=0
    else
        fail "hoso demo exited with $demo_status"
    fi
fi

if [ "$demo_ran" -eq 1 ]; then
    step "hoso package verify (the package the demo exported)"
    package=$(grep -o '"package": "[^"]*"' <<<"$demo_output" | head -1 | cut -d'"' -f4)
    public_key=$(grep -o '"public_key": "[^"]*"' <<<"$demo_output" | head -1 | cut -d'"' -f4)
    [ -f "$package" ] || fail "the demo wrote no package"
    "$HOSO" package verify "$package" --public-key "$public_key" \
        || fail "the frozen app could not verify its own package"

    step "the window on the demo data, offscreen, for 8 s"
    gui_status=0
    gui_output=$(timeout 8 "$HOSO" --data-dir "$OUT/demo" 2>&1) || gui_status=$?
    if [ -n "$gui_output" ]; then echo "$gui_output"; fi
    # 124: still running when the timeout stopped it, which is what a window does.
    if [ "$gui_status" -ne 124 ] && [ "$gui_status" -ne 0 ]; then
        fail "the window exited with $gui_status"
    fi
    if grep -q "Traceback" <<<"$gui_output"; then
        fail "the window printed a Python traceback"
    fi
fi

dist_kb=$(du -sk "$DIST" | cut -f1)
dist_files=$(find "$DIST" -type f | wc -l)
# Linux/macOS: one executable, hoso-gui a symbolic link to it; Windows: two (console, windowed)
dist_executables=$(find "$DIST" -maxdepth 1 -type f \( -name 'hoso' -o -name 'hoso-gui' \
                   -o -name '*.exe' \) | wc -l)
step "summary"
echo "BUILD_SECONDS=$((build_ms / 1000)).$(( (build_ms % 1000) / 100 ))"
echo "DIST_SIZE_MB=$((dist_kb / 1024))"
echo "DIST_FILES=$dist_files"
echo "DIST_EXECUTABLES=$dist_executables"
echo "DIST=$DIST"
echo "SMOKE=OK"
