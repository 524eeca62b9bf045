// Names as minutes write them and as Slack profiles hold them, made comparable:
// accents, dots and titles ("Cllr", "Dr") dropped, lower case, single spaces.

const TITLES =
  /^(?:cllr|ccllr|cc|councillor|county councillor|mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|revd|the rev)\.?\s+/;

export function normaliseName(name: string): string {
  let text = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[.\u2019']/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  for (let before = ""; before !== text;) {
    before = text;
    text = text.replace(TITLES, "");
  }
  return text;
}

/** The words of a name as written, titles dropped, case kept ("Cllr A. Muir" → ["A", "Muir"]). */
export function nameWords(name: string): string[] {
  const kept = normaliseName(name).split(" ").length;
  const words = name.replace(/\./g, " ").replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  return words.slice(words.length - kept);
}

/**
 * Owner names as one string lists them: "London Councils and MOPAC", "TE/LG",
 * "Anderson; Eglington". Never empty strings.
 */
export function splitOwnerNames(written: string): string[] {
  return written
    .split(/\s*(?:,|;|\/|&|\band\b)\s*/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** Written as initials: "PR", "JB", "SKoT" (two to five letters, at least two capitals). */
export function isInitials(written: string): boolean {
  const text = written.replace(/\./g, "").trim();
  return /^[A-Za-z]{2,5}$/.test(text) && (text.match(/[A-Z]/g) ?? []).length >= 2 && /^[A-Z]/.test(text);
}
