// Copies the bundled Liberation Serif faces (SIL OFL, templates/fonts) into public/fonts so the
// preview uses the same metrics as the PDF; nothing is fetched from the network.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = join(root, "ui", "public", "fonts");
mkdirSync(out, { recursive: true });
for (const f of [
  "LiberationSerif-Regular.ttf",
  "LiberationSerif-Bold.ttf",
  "LiberationSerif-Italic.ttf",
  "LiberationSerif-BoldItalic.ttf",
  "LICENSE-OFL.txt",
]) {
  copyFileSync(join(root, "templates", "fonts", f), join(out, f));
}
