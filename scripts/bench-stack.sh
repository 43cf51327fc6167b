#!/usr/bin/env bash
# The writers as a user runs them, whole processes side by side on the same generated report
# (issue 26): `baocao render` to PDF (printpdf) against LibreOffice printing our DOCX
# (`soffice --headless --convert-to pdf`, warm profile), and `baocao render` to DOCX
# (docx-rs) against docxtpl filling a python-docx template with the report's paragraphs and
# tables (python start-up, render, save to a file). Medians of RUNS runs (LibreOffice: of 3),
# measured ROUNDS times alternating; prints each round and the median ratios. Needs
# LibreOffice and PyPI (a venv under target/). Usage:
#   bash scripts/bench-stack.sh [PAGES=100] [RUNS=10] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-100}"; runs="${2:-10}"; rounds="${3:-3}"
source scripts/docxtpl-common.sh
docxtpl_setup
venv="$docxtpl_venv"
cargo build -q --release -p baocao-cli
cargo build -q --release -p baocao-engine --example docx_timing
bin="${CARGO_TARGET_DIR:-target}/release"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$bin/examples/docx_timing" report "$pages" > "$work/bc.json"
"$bin/examples/docx_timing" paragraphs "$pages" > "$work/blocks.json"
"$bin/baocao" render "$work/bc.json" -o "$work/lo.docx" --van-xuat > /dev/null
cat > "$work/docxtpl_once.py" <<'PY'
import json, sys
from docxtpl import DocxTemplate
blocks, template, out = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
tpl = DocxTemplate(template)
tpl.render({"blocks": blocks})
tpl.save(out)
PY
docxtpl_template "$work/mau.docx"
# Median wall time of running "$@" n times, in ms.
median_ms() {
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
t = []
for _ in range(n):
    s = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t.append((time.perf_counter() - s) * 1000)
t.sort(); print(f"{t[len(t) // 2]:.1f}")
PY
}
lo_profile="-env:UserInstallation=file://$work/lo-profile"
soffice "$lo_profile" --headless --convert-to pdf --outdir "$work" "$work/lo.docx" > /dev/null 2>&1
echo "generated ${pages}-page report; whole processes; medians (ours, docxtpl: ${runs} runs; LibreOffice: 3)"
pdf_r=(); docx_r=()
for round in $(seq "$rounds"); do
  lo=$(median_ms 3 soffice "$lo_profile" --headless --convert-to pdf --outdir "$work" "$work/lo.docx")
  pdf=$(median_ms "$runs" "$bin/baocao" render "$work/bc.json" -o "$work/ours.pdf" --van-xuat)
  tpl=$(median_ms "$runs" "$venv/bin/python" "$work/docxtpl_once.py" "$work/blocks.json" "$work/mau.docx" "$work/tpl.docx")
  docx=$(median_ms "$runs" "$bin/baocao" render "$work/bc.json" -o "$work/ours.docx" --van-xuat)
  pdf_r+=("$(python3 -c "print(f'{$lo / $pdf:.1f}')")"); docx_r+=("$(python3 -c "print(f'{$tpl / $docx:.1f}')")")
  echo "  round $round: PDF: LibreOffice ${lo} ms, baocao ${pdf} ms (${pdf_r[-1]}×); DOCX: docxtpl 0.20.2 ${tpl} ms, baocao ${docx} ms (${docx_r[-1]}×)"
done
python3 -c "import statistics,sys; n=len(sys.argv)//2; p=sorted(map(float,sys.argv[1:n+1])); d=sorted(map(float,sys.argv[n+1:])); print(f'  PDF ratio: median {statistics.median(p):.1f}× ({p[0]}–{p[-1]}×); DOCX ratio: median {statistics.median(d):.1f}× ({d[0]}–{d[-1]}×)')" "${pdf_r[@]}" "${docx_r[@]}"
