// The recovery copy's timer: a maximum wait, not a debounce, so steady typing still gets copies.

/** Calls `fire` at most `ms` after the first `touch()` since it last fired; further touches do not
 * push it back. `cancel()` drops a pending call (nothing left to copy). */
export function maxWait(fire: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    touch() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        fire();
      }, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
