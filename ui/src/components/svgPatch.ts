// Puts a page's new SVG into the preview by replacing only the drawn items (text lines, rules)
// that differ from those on screen. A keystroke changes a few lines of one page; replacing the
// whole page made the web view lay out every line of it again (~25 ms per page in WebKitGTK,
// measured by the end-to-end harness), replacing the changed lines costs a fraction of that.

/** Makes `host`'s SVG child equal to `svg` (markup of one page), touching only what differs. */
export function patchSvg(host: Element, svg: string): void {
  const current = host.firstElementChild;
  if (!svg) {
    host.replaceChildren();
    return;
  }
  const next = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  if (next.nodeName !== "svg") {
    host.innerHTML = svg; // not well-formed: let the HTML parser show what it can
    return;
  }
  const sameRoot =
    current !== null &&
    current.nodeName === "svg" &&
    ["width", "height", "viewBox"].every((a) => current.getAttribute(a) === next.getAttribute(a)) &&
    current.children.length === next.children.length &&
    [...current.children].every((c, i) => c.nodeName === next.children[i].nodeName && (c.nodeName === "g" || c.isEqualNode(next.children[i])));
  const oldGroup = sameRoot ? current.querySelector(":scope > g") : null;
  const newGroup = next.querySelector(":scope > g");
  if (!sameRoot || !oldGroup || !newGroup) {
    host.replaceChildren(document.importNode(next, true));
    return;
  }
  const a = [...oldGroup.children];
  const b = [...newGroup.children];
  let head = 0;
  while (head < a.length && head < b.length && a[head].isEqualNode(b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].isEqualNode(b[b.length - 1 - tail])) tail++;
  const before = a[a.length - tail] ?? null; // first kept item after the changed ones
  for (const el of a.slice(head, a.length - tail)) el.remove();
  for (const el of b.slice(head, b.length - tail)) oldGroup.insertBefore(document.importNode(el, true), before);
}
