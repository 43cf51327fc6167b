#!/usr/bin/env bash
# Our DOCX writer against docxtpl (python-docx + Jinja, the usual way to fill Word templates),
# side by side on the same paragraphs and tables: the generated 25-page report's flow. docxtpl
# gets a template made with python-docx (a loop over paragraphs and a table loop over rows) and
# renders + saves into memory; ours renders the report to DOCX bytes in-process (release build).
# Both print the median of RUNS runs; the pair is measured ROUNDS times, alternating, and the
# median of the rounds' ratios is the result (this machine kind is shared and noisy: one round
# alone has varied 21–46×). Needs PyPI (a venv under target/). Usage:
#   bash scripts/bench-docxtpl.sh [PAGES=25] [RUNS=100] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-25}"; runs="${2:-100}"; rounds="${3:-5}"
source scripts/docxtpl-common.sh
docxtpl_setup
venv="$docxtpl_venv"
cargo build -q --release -p baocao-engine --example docx_timing
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
target/release/examples/docx_timing paragraphs "$pages" > "$work/blocks.json"
cat > "$work/bench_docxtpl.py" <<'PY'
import io, json, sys, time
from docxtpl import DocxTemplate
blocks, template, runs = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs):
    start = time.perf_counter()
    tpl = DocxTemplate(template)
    tpl.render({"blocks": blocks})
    tpl.save(io.BytesIO())
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"{times[len(times) // 2]:.3f}")
PY
docxtpl_template "$work/mau.docx"
echo "DOCX, generated ${pages}-page report ($(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/blocks.json") blocks), median of ${runs} runs, ${rounds} rounds:"
ratios=()
for round in $(seq "$rounds"); do
  theirs=$("$venv/bin/python" "$work/bench_docxtpl.py" "$work/blocks.json" "$work/mau.docx" "$runs")
  ours=$(target/release/examples/docx_timing time "$pages" "$runs")
  ratio=$(python3 -c "print(f'{float(\"$theirs\") / float(\"$ours\"):.1f}')")
  ratios+=("$ratio")
  echo "  round $round: docxtpl 0.20.2 (render + save in memory) ${theirs} ms, Soạn Báo Cáo (render_docx, in-process) ${ours} ms: ${ratio}×"
done
python3 -c "import statistics,sys; r=sorted(map(float,sys.argv[1:])); print(f'  ratio: median {statistics.median(r):.1f}× (rounds {r[0]:.1f}–{r[-1]:.1f}×)')" "${ratios[@]}"
