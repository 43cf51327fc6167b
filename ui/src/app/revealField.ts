// Going to a field of the editor: a problem's place, or a match of the find bar.
import type { Path } from "../model/tree";

/** Once the part chosen is on screen (two frames), scrolls to the deepest field on screen whose
 * path starts with `path`'s and focuses it, selecting `range` (a found text's place in the field);
 * with `focus` false, outlines it instead. */
export function revealField(path: Path, range?: [number, number], focus = true): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const fields = [...document.querySelectorAll<HTMLElement>("main.editor [data-path]")];
      for (const f of document.querySelectorAll(".found-field")) f.classList.remove("found-field");
      for (let n = path.length; n > 0; n--) {
        const key = path.slice(0, n).join(".");
        const el = fields.find((f) => f.dataset.path === key) ?? fields.find((f) => f.dataset.path?.startsWith(`${key}.`));
        if (el) {
          el.scrollIntoView({ block: "center" });
          if (!focus) {
            el.classList.add("found-field");
            return;
          }
          el.focus();
          if (range && n === path.length && (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) el.setSelectionRange(range[0], range[1]);
          return;
        }
      }
    }),
  );
}
