// The field being edited, kept outside React's state: the preview follows it without the editor
// rendering again on every focus change (re-rendering the form on focus would also re-apply
// every field's value while the user is in it).

/** Where the user edits: the anchor of the part shown and of the field in it. */
export interface Focus {
  part: string;
  anchor: string;
}

/** A value with subscribers, for `useSyncExternalStore`. */
export interface FocusStore {
  get: () => Focus | null;
  set: (f: Focus) => void;
  subscribe: (onChange: () => void) => () => void;
}

export function focusStore(): FocusStore {
  let value: Focus | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (f) => {
      if (value && value.part === f.part && value.anchor === f.anchor) return;
      value = f;
      for (const l of listeners) l();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
