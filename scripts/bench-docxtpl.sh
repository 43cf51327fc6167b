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
venv="target/docxtpl-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q "docxtpl==0.20.2"
cargo build -q --release -p baocao-engine --example docx_timing
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
target/release/examples/docx_timing paragraphs "$pages" > "$work/blocks.json"
cat > "$work/bench_docxtpl.py" <<'PY'
import io, json, sys, time
from docx import Document
from docx.shared import Pt
from docxtpl import DocxTemplate
blocks, template, runs = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
# The template: every block in order, paragraphs as paragraphs, tables as tables with a row loop.
d = Document()
d.styles["Normal"].font.name = "Times New Roman"; d.styles["Normal"].font.size = Pt(14)
d.add_paragraph("{%p for b in blocks %}")
d.add_paragraph("{%p if b.text is defined %}")
d.add_paragraph("{{ b.text }}")
d.add_paragraph("{%p else %}")
t = d.add_table(rows=3, cols=1)
t.cell(0, 0).text = "{%tr for row in b.rows %}"
t.cell(1, 0).text = "{{ row | join(' | ') }}"
t.cell(2, 0).text = "{%tr endfor %}"
d.add_paragraph("{%p endif %}")
d.add_paragraph("{%p endfor %}")
d.save(template)
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
