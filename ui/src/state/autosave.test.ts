import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { maxWait } from "./autosave";

describe("recovery copy timer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fires within the wait while the user types without a pause", () => {
    const fired: number[] = [];
    const start = Date.now();
    const t = maxWait(() => fired.push(Date.now() - start), 20_000);
    // A keystroke every 150 ms for 60 s.
    for (let ms = 0; ms < 60_000; ms += 150) {
      t.touch();
      vi.advanceTimersByTime(150);
    }
    expect(fired.length).toBeGreaterThanOrEqual(2);
    expect(fired[0]).toBeLessThanOrEqual(20_000);
    for (let i = 1; i < fired.length; i++) expect(fired[i] - fired[i - 1]).toBeLessThanOrEqual(20_150);
  });

  it("does nothing without changes and stops when cancelled", () => {
    const fire = vi.fn();
    const t = maxWait(fire, 20_000);
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
    t.touch();
    t.cancel();
    vi.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
  });
});
