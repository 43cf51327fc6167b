#!/usr/bin/env bash
# Builds the Windows installer of Soạn Báo Cáo on Debian 12, offline once set up:
#   target/windows/SoanBaoCao_<version>_x64-setup.exe
# 1. scripts/setup.sh installs what is missing (MinGW, makensis, the Rust Windows target, npm);
# 2. the UI is built and the app (assets inside the exe) and the `baocao` command are
#    cross-compiled for x86_64-pc-windows-gnu, release profile;
# 3. the files are staged with the Vietnamese dictionary (Debian's hunspell-vi, GPL-2, shipped as
#    a separate installer component with its licence and source notice) and the licences;
# 4. makensis runs src-tauri/windows/installer.nsi (per-user install, Vietnamese pages).
# What is verified under Wine, and what only a real Windows machine can show: docs/windows.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ "${BAOCAO_SKIP_SETUP:-}" = "1" ] || bash scripts/setup.sh

target=x86_64-pc-windows-gnu
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
out_dir="$root/target/windows"
stage="$out_dir/stage"
installer="$out_dir/SoanBaoCao_${version}_x64-setup.exe"

echo "== ui: build"
(cd ui && npm run --silent build)
echo "== cargo: app and baocao for $target (release)"
cargo build --locked --release --target "$target" -p soan-bao-cao -p baocao-cli \
  --features soan-bao-cao/custom-protocol
bin="$root/target/$target/release"

echo "== stage: $stage"
rm -rf "$stage"
mkdir -p "$stage/tu-dien"
cp "$bin/soan-bao-cao.exe" "$bin/baocao.exe" "$stage/"
# The symbol tables (about a quarter of each exe) are of no use on a clerk's machine.
x86_64-w64-mingw32-strip --strip-all "$stage/soan-bao-cao.exe" "$stage/baocao.exe"
# The GNU target links WebView2's loader dynamically; its build script leaves the DLL here.
loader="$bin/WebView2Loader.dll"
[ -f "$loader" ] || loader="$(find "$root/target/$target/release/build" -path '*out/x64/WebView2Loader.dll' | head -1)"
[ -n "$loader" ] || { echo "WebView2Loader.dll not found under target/$target/release/build" >&2; exit 1; }
cp "$loader" "$stage/WebView2Loader.dll"
cp src-tauri/icons/icon.ico templates/fonts/LICENSE-OFL.txt "$stage/"
# The licence page reads UTF-8 only with a byte-order mark.
{ printf '\xef\xbb\xbf'; cat src-tauri/windows/giay-phep.txt; } >"$stage/giay-phep.txt"
cp /usr/share/hunspell/vi_VN.aff /usr/share/hunspell/vi_VN.dic "$stage/tu-dien/"
cp /usr/share/common-licenses/GPL-2 "$stage/tu-dien/GPL-2.txt"
dict_version="$(dpkg-query -W -f='${Version}' hunspell-vi)"
{
  echo "Từ điển chính tả tiếng Việt (Hunspell vi_VN)"
  echo
  echo "Tác giả: Ivan Garcia <capiscuas@gmail.com>, Nguyễn Xuân Minh <mxn@zoomtown.com>"
  echo "Giấy phép: GNU General Public License phiên bản 2 (GPL-2.txt trong thư mục này)."
  echo "Tệp lấy nguyên vẹn từ gói Debian hunspell-vi $dict_version (nguồn: gói mã nguồn"
  echo "libreoffice-dictionaries của Debian, thư mục dictionaries/vi; dự án gốc: LibreOffice,"
  echo "https://git.libreoffice.org/dictionaries). Mã nguồn tương ứng lấy được bằng lệnh"
  echo "«apt-get source libreoffice-dictionaries» trên Debian 12, hoặc từ kho trên."
  echo "Soạn Báo Cáo chỉ đọc các tệp này khi chạy; chúng không được biên dịch vào chương trình."
} > "$stage/tu-dien/NGUON.txt"

echo "== makensis"
mkdir -p "$out_dir"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$installer" \
  src-tauri/windows/installer.nsi
ls -l "$installer"
