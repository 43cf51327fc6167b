// Bold and italic inside body text, written as the engine reads them: `**đậm**`, `_nghiêng_`.

/** Ctrl+B / Ctrl+I in a text field: wraps the selection in `marker` (`**` bold, `_` italic), or
 * unwraps it when it is already wrapped; with nothing selected, puts the cursor between a new
 * pair. Goes through the browser's editing (an input event), so it is an ordinary edit. */
export function toggleMark(el: HTMLTextAreaElement, marker: string): void {
  const { selectionStart: s, selectionEnd: e, value } = el;
  const n = marker.length;
  const wrapped = value.slice(Math.max(0, s - n), s) === marker && value.slice(e, e + n) === marker;
  if (wrapped) {
    el.setSelectionRange(s - n, e + n);
    document.execCommand("insertText", false, value.slice(s, e));
    el.setSelectionRange(s - n, e - n);
  } else {
    document.execCommand("insertText", false, `${marker}${value.slice(s, e)}${marker}`);
    el.setSelectionRange(s + n, e + n);
  }
}
