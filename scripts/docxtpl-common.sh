# Shared by bench-docxtpl.sh and bench-stack.sh (sourced from the repository root): docxtpl in a
# venv under target/, and the template both fill with the report's flow (every block in order:
# paragraphs as paragraphs, tables as tables with a row loop; python-docx, Times New Roman 14).
docxtpl_venv="target/docxtpl-venv"

# Makes the venv and installs docxtpl 0.20.2 (PyPI) if missing.
docxtpl_setup() {
  [ -x "$docxtpl_venv/bin/python" ] || python3 -m venv "$docxtpl_venv"
  "$docxtpl_venv/bin/pip" install -q "docxtpl==0.20.2"
}

# Writes the template to $1.
docxtpl_template() {
  "$docxtpl_venv/bin/python" - "$1" <<'PY'
import sys
from docx import Document
from docx.shared import Pt
d = Document()
d.styles["Normal"].font.name = "Times New Roman"; d.styles["Normal"].font.size = Pt(14)
for line in ["{%p for b in blocks %}", "{%p if b.text is defined %}", "{{ b.text }}", "{%p else %}"]:
    d.add_paragraph(line)
t = d.add_table(rows=3, cols=1)
t.cell(0, 0).text = "{%tr for row in b.rows %}"
t.cell(1, 0).text = "{{ row | join(' | ') }}"
t.cell(2, 0).text = "{%tr endfor %}"
d.add_paragraph("{%p endif %}"); d.add_paragraph("{%p endfor %}")
d.save(sys.argv[1])
PY
}
