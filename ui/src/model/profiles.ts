// Which format profile applies to a report. A Party report may name the Party family («dang»):
// it then follows the document's date, Hướng dẫn 36-HD/VPTW before 27/5/2026 and Hướng dẫn
// 05-HD/VPTW from then on, as the engine's `profile::resolve_id` does. The ids and dates below are
// the profiles' `[applies]` (templates/profiles/*.toml); the engine's test
// `ui_party_guidances_match_the_profiles` checks that they agree.

/** The profile id that means «the Party guidance in force on the document's date». */
export const PARTY_AUTO = "dang";

/** One Party guidance: its profile id, the first document date it applies to, its name. */
export interface Guidance {
  id: string;
  from: string;
  name: string;
}

/** The Party guidances, oldest first. */
export const PARTY_GUIDANCES: Guidance[] = [
  { id: "hd36", from: "2018-04-03", name: "Hướng dẫn 36-HD/VPTW (2018)" },
  { id: "hd05", from: "2026-05-27", name: "Hướng dẫn 05-HD/VPTW (2026)" },
];

/** The Party guidance in force on an ISO date (the earliest for older dates). */
export function partyGuidance(date: string): Guidance {
  let found = PARTY_GUIDANCES[0];
  for (const g of PARTY_GUIDANCES) if (g.from <= date) found = g;
  return found;
}

/** The built-in profile id that applies to a report naming `profile` and dated `date`. */
export function applicableProfile(profile: string, date: string): string {
  return profile.trim() === PARTY_AUTO ? partyGuidance(date).id : profile.trim();
}

const viDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
};

/** The choices of the «Thể thức» field, the automatic one naming the guidance it gives. */
export function profileOptions(profile: string, date: string): [string, string][] {
  const options: [string, string][] = [
    [PARTY_AUTO, `Văn bản của Đảng, theo ngày văn bản (${partyGuidance(date).name})`],
    ...PARTY_GUIDANCES.map((g): [string, string] => [g.id, `Văn bản của Đảng, luôn theo ${g.name}`]),
    ["nd30", "Văn bản hành chính (NĐ 30/2020/NĐ-CP)"],
  ];
  if (!options.some(([id]) => id === profile)) options.push([profile, `Định dạng riêng «${profile}»`]);
  return options;
}

/** What the header form says under the «Thể thức» field. */
export interface ProfileNote {
  /** The sentence shown. */
  text: string;
  /** Whether the chosen guidance is not the one in force on the date (shown as a warning). */
  outdated: boolean;
}

/** The guidance applied and why; a warning when a Party guidance is chosen against the date. */
export function profileNote(profile: string, date: string): ProfileNote | null {
  const due = partyGuidance(date);
  const next = PARTY_GUIDANCES.find((g) => g.from > due.from);
  if (profile === PARTY_AUTO) {
    const why = next ? `văn bản ngày trước ${viDate(next.from)}` : `văn bản ngày từ ${viDate(due.from)}`;
    return { text: `Áp dụng ${due.name}: ${why}.`, outdated: false };
  }
  const chosen = PARTY_GUIDANCES.find((g) => g.id === profile);
  if (!chosen) return null;
  if (chosen.id === due.id) return { text: `Áp dụng ${chosen.name}, đúng với ngày văn bản.`, outdated: false };
  return {
    text: `Văn bản ngày ${viDate(date)} theo ${due.name}, nhưng đang chọn ${chosen.name}.`,
    outdated: true,
  };
}
