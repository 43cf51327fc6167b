// Undo / redo over every edit. Typing in one field is grouped into one step when the keystrokes
// come within `groupMs` of each other, so Ctrl+Z undoes a word or phrase, not a letter.

/** The document with its undo and redo stacks. */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** Key of the last grouped edit (field path) and when it happened. */
  lastKey: string | null;
  lastAt: number;
}

/** Most undo steps kept. */
export const LIMIT = 300;

export function start<T>(value: T): History<T> {
  return { past: [], present: value, future: [], lastKey: null, lastAt: 0 };
}

/** Records an edit. Edits with the same `key` within `groupMs` merge into one undo step. */
export function edit<T>(h: History<T>, next: T, key: string | null = null, now = Date.now(), groupMs = 1000): History<T> {
  if (next === h.present) return h;
  const grouped = key !== null && key === h.lastKey && now - h.lastAt < groupMs;
  const past = grouped ? h.past : [...h.past, h.present].slice(-LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const prev = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [next, ...rest] = h.future;
  return { past: [...h.past, h.present], present: next, future: rest, lastKey: null, lastAt: 0 };
}

export const canUndo = <T,>(h: History<T>) => h.past.length > 0;
export const canRedo = <T,>(h: History<T>) => h.future.length > 0;
