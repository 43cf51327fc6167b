// Numbers and dates the Vietnamese way, whatever the system locale: "97,5", "1.234",
// "20/05/2019". Parsing accepts what a Vietnamese user types; formatting gives what they read.

/** Parses a number typed the Vietnamese way ("97,5", "1.234", "1 234,5"); also "97.5". */
export function parseViNumber(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return null;
  let normal: string;
  if (t.includes(",")) {
    // A decimal comma: dots are thousands separators.
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(t) && !/^-?\d+(,\d+)?$/.test(t)) return null;
    normal = t.replace(/\./g, "").replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) {
    // "1.234", "12.345.678": thousands.
    normal = t.replace(/\./g, "");
  } else if (/^-?\d+(\.\d+)?$/.test(t)) {
    normal = t;
  } else {
    return null;
  }
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** Writes a number the Vietnamese way: "1.234", "97,5". */
export function formatViNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${n < 0 ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** Parses "20/05/2019", "20/5/2019", "20-5-2019" or "20.5.2019" into "2019-05-20". */
export function parseViDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Writes "2019-05-20" as "20/05/2019". */
export function formatViDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
