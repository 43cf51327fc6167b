#!/usr/bin/env bash
# The Windows checks, run on Linux under Wine (issue 25; docs/windows.md). Needs the installer
# (scripts/package-windows.sh) and the Linux `baocao` and corpus generator (target/debug).
#  1. installs the installer silently (/S) in a private Wine prefix: files, shortcuts, the
#     .baocao association and the uninstall entry;
#  2. runs the installed baocao.exe on every fidelity-corpus report and the State fixture, and
#     compares with the Linux build: every DOCX part and the PDF's text byte for byte, `check`
#     (spelling read from the installed dictionary), `import` of the real Word files, `form` and
#     `compile`; paths under «Nguyễn Văn A\báo cáo»;
#  3. starts the installed app: Wine has no WebView2, so the app must show its Vietnamese message
#     box and exit with code 3 (screenshot in target/artifacts/windows-webview2.png);
#  4. uninstalls silently: nothing of ours is left but the user's data.
# Prints one line per check and a summary; exits 1 when any check fails. Nothing is retried.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

installer="$(ls target/windows/SoanBaoCao_*_x64-setup.exe 2>/dev/null | head -1)"
[ -n "$installer" ] || { echo "no installer: run scripts/package-windows.sh first" >&2; exit 1; }
linux="$root/target/debug/baocao"
generate="$root/target/debug/examples/generate"
real_docs="$root/../shared/reference/real-docs"
artifacts="$root/target/artifacts"
mkdir -p "$artifacts"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
export SOURCE_DATE_EPOCH=1780000000
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver

passed=0
failed=0
# The output the checks read at this point, shown when one of them fails (for the diagnosis).
last_out=""
ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() {
  echo "FAIL  $1"
  failed=$((failed + 1))
  if [ -n "$last_out" ] && [ -f "$last_out" ]; then tail -n 15 "$last_out" | sed 's/^/      | /'; fi
}
check() { local what="$1"; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

echo "== wine: a private prefix"
$wine wineboot --init >/dev/null 2>&1
$wineserver -w
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
user_dir="$(ls -d "$WINEPREFIX"/drive_c/users/* | grep -v '/Public$' | head -1)"
# The prefix's user folders are links into $HOME: make them real folders of the prefix.
for d in Desktop Documents; do
  if [ -L "$user_dir/$d" ]; then rm "$user_dir/$d"; mkdir -p "$user_dir/$d"; fi
done
local_app="$user_dir/AppData/Local"
roaming="$user_dir/AppData/Roaming"
app_name="Soạn Báo Cáo"
inst="$local_app/Programs/$app_name"

echo "== install: $(basename "$installer") /S"
$wine "$installer" /S
$wineserver -w
for f in soan-bao-cao.exe baocao.exe WebView2Loader.dll icon.ico giay-phep.txt LICENSE-OFL.txt \
         go-cai-dat.exe tu-dien/vi_VN.aff tu-dien/vi_VN.dic tu-dien/GPL-2.txt tu-dien/NGUON.txt; do
  check "installed: $f" test -s "$inst/$f"
done
check "Start menu shortcut" test -s "$roaming/Microsoft/Windows/Start Menu/Programs/$app_name/$app_name.lnk"
check "uninstall shortcut in the Start menu" \
  test -s "$roaming/Microsoft/Windows/Start Menu/Programs/$app_name/Gỡ cài đặt $app_name.lnk"
check "desktop shortcut" test -s "$user_dir/Desktop/$app_name.lnk"
reg() { $wine reg query "$@" 2>/dev/null | tr -d '\r'; }
# Wine's reg prints its errors on stdout: a missing key is told by the exit code.
reg_absent() { ! $wine reg query "$1" >/dev/null 2>&1; }
check ".baocao → SoanBaoCao.baocao" grep -q 'SoanBaoCao.baocao' <(reg 'HKCU\Software\Classes\.baocao' /ve)
check ".baocao opens with the installed app and the file" grep -qF 'soan-bao-cao.exe" "%1"' \
  <(reg 'HKCU\Software\Classes\SoanBaoCao.baocao\shell\open\command' /ve)
check "uninstall entry (Apps & features)" grep -q 'go-cai-dat.exe' \
  <(reg 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\vn.soanbaocao.app' /v UninstallString)

echo "== baocao.exe against the Linux build"
win_cli="$inst/baocao.exe"
cases="$work/Nguyễn Văn A/báo cáo"
mkdir -p "$cases/linux" "$cases/windows" "$cases/in"
"$generate" corpus "$cases/in" >/dev/null
cp tests/fixtures/ubnd-ket-qua-03-nam.json "$cases/in/"
(cd "$cases/in" && "$linux" sample -o mau.json >/dev/null)
# Runs the same baocao command on Linux and on Windows (cwd = the case folder, relative paths).
both() {
  local rc=0
  (cd "$cases" && "$linux" "$@") >"$cases/linux.out" 2>"$cases/linux.err" || rc=$?
  echo "$rc" >"$cases/linux.rc"
  local w=("${@//linux\//windows/}")
  rc=0
  (cd "$cases" && $wine "$win_cli" "${w[@]}") >"$cases/windows.out" 2>"$cases/windows.err" || rc=$?
  echo "$rc" >"$cases/windows.rc"
}
same_docx() {
  test -s "$1" && test -s "$2" || return 1
  rm -rf "$work/a" "$work/b"
  unzip -q -o "$1" -d "$work/a" && unzip -q -o "$2" -d "$work/b" && diff -r -q "$work/a" "$work/b" >/dev/null
}
same_pdf_text() { test -s "$1" && test -s "$2" && cmp -s <(pdftotext -layout "$1" -) <(pdftotext -layout "$2" -); }
reports=0
docx_same=0
pdf_same=0
pdf_bytes=0
for json in "$cases"/in/*.json; do
  name="$(basename "$json" .json)"
  both render "in/$name.json" -o "linux/$name.docx"
  both render "in/$name.json" -o "linux/$name.pdf"
  reports=$((reports + 1))
  if same_docx "$cases/linux/$name.docx" "$cases/windows/$name.docx"; then
    docx_same=$((docx_same + 1))
  else
    bad "DOCX parts equal: $name"
  fi
  if same_pdf_text "$cases/linux/$name.pdf" "$cases/windows/$name.pdf"; then
    pdf_same=$((pdf_same + 1))
  else
    bad "PDF text equal: $name"
  fi
  if cmp -s "$cases/linux/$name.pdf" "$cases/windows/$name.pdf"; then pdf_bytes=$((pdf_bytes + 1)); fi
done
check "render: $reports reports (the fidelity corpus, the sample, the State fixture)" test "$reports" -ge 20
check "render: DOCX parts byte-identical in $docx_same of $reports" test "$docx_same" -eq "$reports"
check "render: PDF text identical in $pdf_same of $reports" test "$pdf_same" -eq "$reports"
echo "note  PDF files byte-identical: $pdf_bytes of $reports"
# Output compared with the Windows run's own folder named as the Linux one's.
same_out() {
  test -s "$cases/linux.out" && cmp -s "$cases/linux.rc" "$cases/windows.rc" &&
    cmp -s "$cases/linux.out" <(sed 's#windows\\#linux/#g; s#windows/#linux/#g' "$cases/windows.out")
}

last_out="$cases/windows.out"
# Spelling from the installed dictionary (tu-dien beside baocao.exe): one syllable misspelt.
sed 's/thực hiện/thựcc hiện/' "$cases/in/mau.json" >"$cases/in/sai-chinh-ta.json"
both check --json in/sai-chinh-ta.json
check "check --json: same findings on both systems" same_out
check "check on Windows finds the misspelling (installed dictionary read)" \
  grep -q '"chinh-ta"' "$cases/windows.out"
check "… and names the word «thựcc»" grep -q 'thựcc' "$cases/windows.out"
# The user's word list, read where the app keeps it (%APPDATA%\vn.soanbaocao.app\tu-dien.txt).
mkdir -p "$roaming/vn.soanbaocao.app"
printf 'thựcc\n' >"$roaming/vn.soanbaocao.app/tu-dien.txt"
(cd "$cases" && $wine "$win_cli" check --json in/sai-chinh-ta.json >"$cases/windows.out" 2>&1 || true)
check "check on Windows reads the user's word list in %APPDATA%: «thựcc» no longer flagged" \
  bash -c 'head -c1 "$0" | grep -q "\[" && ! grep -q "thựcc" "$0"' "$cases/windows.out"
rm -f "$roaming/vn.soanbaocao.app/tu-dien.txt"
(cd "$cases" && BAOCAO_HUNSPELL_DIR='C:\khong-co' $wine "$win_cli" check in/mau.json \
  >"$cases/windows.out" 2>&1 || true)
check "without a dictionary: the Windows message names the installer's component" \
  grep -q 'Từ điển chính tả tiếng Việt' "$cases/windows.out"

imported=0
for doc in "$real_docs"/*.docx; do
  [ -e "$doc" ] || continue
  cp "$doc" "$cases/in/"
  name="$(basename "$doc" .docx)"
  both import --json "in/$name.docx" -o "linux/$name.json"
  if same_out && cmp -s "$cases/linux/$name.json" "$cases/windows/$name.json"; then
    imported=$((imported + 1))
  else
    bad "import equal: $name"
  fi
done
check "import: $imported real Word files give the same report and recognition on both" test "$imported" -ge 10
doc="$(ls "$real_docs"/*.doc | head -1)"
cp "$doc" "$cases/in/cu.doc"
(cd "$cases" && $wine "$win_cli" import in/cu.doc -o windows/cu.json >"$cases/windows.out" 2>&1 \
  && echo 0 >"$cases/windows.rc" || echo $? >"$cases/windows.rc")
check "import .doc without LibreOffice: refused, naming LibreOffice and soffice.exe" \
  grep -q 'chưa cài LibreOffice (không thấy soffice.exe' "$cases/windows.out"

printf 'STT\tTên đơn vị\n1\tĐảng ủy xã Hòa Lợi\n2\tĐảng ủy xã Long Khánh\n3\tĐảng ủy thị trấn\n' \
  >"$cases/in/don-vi.txt"
(cd "$cases" && "$linux" form in/mau.json --all-units --units in/don-vi.txt -o in/bieu-mau >/dev/null)
both form in/mau.json --all-units --units in/don-vi.txt -o linux/bieu-mau
check "form: the same workbooks' names" diff <(ls "$cases/linux/bieu-mau") <(ls "$cases/windows/bieu-mau")
both compile in/mau.json "in/bieu-mau/Biểu mẫu - Đảng ủy xã Hòa Lợi.xlsx" \
  "in/bieu-mau/Biểu mẫu - Đảng ủy xã Long Khánh.xlsx" --units in/don-vi.txt -o linux/tong-hop.json
check "compile: same messages and exit code" same_out
check "compile: same report" cmp -s "$cases/linux/tong-hop.json" "$cases/windows/tong-hop.json"

echo "== files on Windows: drive letters, Unicode folders, replacing, a file Word holds"
x86_64-w64-mingw32-gcc -O2 -municode -o "$work/hold.exe" tests/windows/hold.c
win_path() { $wine winepath -w "$1" 2>/dev/null | tr -d '\r'; }
docs="$user_dir/Documents/Nguyễn Văn A"
mkdir -p "$docs"
target_unix="$docs/Báo cáo sơ kết.docx"
target_win="C:\\users\\$(basename "$user_dir")\\Documents\\Nguyễn Văn A\\Báo cáo sơ kết.docx"
run_win() { local rc=0; $wine "$win_cli" "$@" >"$work/win.out" 2>&1 || rc=$?; echo "$rc" >"$work/win.rc"; }
last_out="$work/win.out"
run_win render "$(win_path "$cases/in/mau.json")" -o "$target_win"
check "render to $target_win: same DOCX as Linux" same_docx "$cases/linux/mau.docx" "$target_unix"
run_win render "$(win_path "$cases/in/ubnd-ket-qua-03-nam.json")" -o "$target_win"
check "render over the existing file replaces it" \
  same_docx "$cases/linux/ubnd-ket-qua-03-nam.docx" "$target_unix"
cp "$target_unix" "$work/before.docx" || true
rm -f "$target_unix.held"
$wine "$work/hold.exe" "$target_win" 30 & holder=$!
for _ in $(seq 1 100); do [ -e "$target_unix.held" ] && break; sleep 0.1; done
check "the stand-in for Word holds the file" test -e "$target_unix.held"
run_win render "$(win_path "$cases/in/mau.json")" -o "$target_win"
kill "$holder" 2>/dev/null || true
$wineserver -k || true
check "writing over a file Word holds fails (exit code 1)" grep -qx 1 "$work/win.rc"
check "… saying the file is open in another program, like Word" \
  grep -q 'tệp đang mở trong chương trình khác (như Word)' "$work/win.out"
check "… and the old file is kept as it was" cmp -s "$work/before.docx" "$target_unix"
check "… with no temporary file left beside it" \
  test "$(ls -A "$docs" | grep -v -e '^Báo cáo sơ kết.docx$' -e '\.held$' | wc -l)" -eq 0
# LibreOffice found through the registry (a custom install folder): a stand-in soffice.exe that
# converts nothing, so the message changes from «not installed» to «could not convert».
mkdir -p "$WINEPREFIX/drive_c/LO 7/program"
cp "$work/hold.exe" "$WINEPREFIX/drive_c/LO 7/program/soffice.exe"
$wine reg add 'HKLM\SOFTWARE\LibreOffice\UNO\InstallPath' /ve /d 'C:\LO 7\program' /f >/dev/null 2>&1
run_win import "$(win_path "$cases/in/cu.doc")" -o "$(win_path "$cases/windows")\\cu.json"
check "import .doc: LibreOffice found through the registry (its stand-in ran)" \
  grep -q 'LibreOffice không chuyển được tệp' "$work/win.out"

last_out=""
echo "== the installed app without WebView2"
shot="$artifacts/windows-webview2.png"
rm -f "$shot"
xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  "$0" "$1" & pid=$!
  win=""
  for _ in $(seq 1 60); do
    win=$(xdotool search --name "WebView2" 2>/dev/null | head -1); [ -n "$win" ] && break; sleep 0.5
  done
  xdotool getwindowname "$win" >"$2/title.txt" 2>/dev/null || true
  sleep 1
  /usr/bin/python3 tests/e2e/xshot.py "$3" || true
  xdotool windowactivate --sync "$win" key Return 2>/dev/null || xdotool key Return || true
  wait $pid; echo $? >"$2/app.rc"
' "$wine" "$inst/soan-bao-cao.exe" "$work" "$shot"
$wineserver -k || true
check "message box titled «Soạn Báo Cáo: máy chưa có WebView2»" \
  grep -qx 'Soạn Báo Cáo: máy chưa có WebView2' "$work/title.txt"
check "the app exits with code 3 once the message is answered" grep -qx 3 "$work/app.rc"
check "screenshot of the message box" test -s "$shot"

echo "== uninstall /S"
mkdir -p "$roaming/vn.soanbaocao.app"
echo "Hòa Lợi" >"$roaming/vn.soanbaocao.app/tu-dien.txt"
cp "$cases/in/mau.json" "$user_dir/Documents/bao-cao.baocao"
$wine "$inst/go-cai-dat.exe" /S
$wineserver -w
check "program folder removed" test ! -e "$inst"
check "shortcuts removed" test ! -e "$user_dir/Desktop/$app_name.lnk" -a \
  ! -e "$roaming/Microsoft/Windows/Start Menu/Programs/$app_name"
check "association removed" reg_absent 'HKCU\Software\Classes\.baocao'
check "file type removed" reg_absent 'HKCU\Software\Classes\SoanBaoCao.baocao'
check "uninstall entry removed" reg_absent 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\vn.soanbaocao.app'
# Nothing else of ours anywhere: no file or folder named after the app outside the user's data,
# no registry value naming it (Wine keeps HKCU in user.reg, HKLM in system.reg).
leftover="$(find "$WINEPREFIX/drive_c" \( -name '*Soạn Báo Cáo*' -o -iname '*soạn báo cáo*' -o -iname '*soan-bao-cao*' \
  -o -iname '*soanbaocao*' -o -iname 'baocao.exe' -o -iname 'go-cai-dat.exe' \) \
  -not -path "$roaming/vn.soanbaocao.app*" 2>/dev/null || true)"
check "no file of ours left in the prefix${leftover:+: $leftover}" test -z "$leftover"
check "no registry value of ours left" bash -c \
  '! grep -i -e soanbaocao -e "soan-bao-cao" "$0/user.reg" "$0/system.reg"' "$WINEPREFIX"
check "the user's word list kept" grep -q 'Hòa Lợi' "$roaming/vn.soanbaocao.app/tu-dien.txt"
check "the user's report kept" test -s "$user_dir/Documents/bao-cao.baocao"

echo "windows checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
