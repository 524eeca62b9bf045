// Owners as minutes write them ("PR", "Cllr Jenkinson", "A Muir") resolved against the
// meeting's own attendance list, so that "PR" becomes "Paul Rogers" before anyone looks
// for Paul Rogers in Slack. Pure; a name that could be two attendees is no match.
import { isInitials, nameWords, normaliseName } from "./names";

export interface AttendeeName {
  name: string;
  /** Initials the minutes give beside the name ("John Strudwick (JS)"): they settle who "JS" is. */
  initials?: string;
}

/** The attendee's initials, every word ("Sam King of Troy" → "skot") and first + surname ("Paul James Rogers" → "pr"). */
function initialsOf(name: string): string[] {
  const words = nameWords(name)
    .flatMap((w) => w.split("-"))
    .filter(Boolean);
  const unhyphenated = nameWords(name);
  const all = (ws: string[]) => ws.map((w) => w[0]!.toLowerCase()).join("");
  const firstAndLast = (ws: string[]) => (ws.length > 2 ? all([ws[0]!, ws.at(-1)!]) : all(ws));
  return [...new Set([all(words), all(unhyphenated), firstAndLast(unhyphenated)])];
}

function only<T>(found: readonly T[]): T | null {
  return found.length === 1 ? found[0]! : null;
}

/**
 * The attendee `written` names, when exactly one fits: the full name; initials of every
 * word or of first name and surname ("PR", "SKoT"); initials and surname ("A Muir",
 * "J A Taylor"); a surname alone ("Cllr Jenkinson"); a first name alone ("Paul").
 */
export function resolveAttendee<T extends AttendeeName>(written: string, attendees: readonly T[]): T | null {
  const wanted = normaliseName(written);
  if (!wanted) return null;
  const people = [...new Map(attendees.map((a) => [normaliseName(a.name), a])).values()];
  const given = people.filter((a) => a.initials !== undefined && a.initials === written.trim());
  if (given.length > 0) return only(given);
  const exact = people.filter((a) => normaliseName(a.name) === wanted);
  if (exact.length > 0) return only(exact);
  const dotted = /^(?:[A-Z]\.\s*){2,5}$/.test(written.trim())
    ? written.replace(/[.\s]/g, "")
    : nameWords(written).join(" ");
  const initials = /^[A-Za-z]+$/.test(dotted) ? dotted : "";
  if (isInitials(initials))
    return only(
      people.filter((a) => nameWords(a.name).length >= 2 && initialsOf(a.name).includes(initials.toLowerCase())),
    );
  const words = wanted.split(" ");
  const surnameOf = (a: T) => normaliseName(a.name).split(" ").at(-1)!;
  if (words.length >= 2 && words.slice(0, -1).every((w) => w.length === 1)) {
    const given = words.slice(0, -1).join("");
    return only(
      people.filter((a) => {
        const theirs = normaliseName(a.name).split(" ");
        return (
          theirs.length >= 2 &&
          surnameOf(a) === words.at(-1) &&
          theirs
            .slice(0, -1)
            .map((w) => w[0])
            .join("")
            .startsWith(given)
        );
      }),
    );
  }
  if (words.length === 1 && /^[A-Z]/.test(nameWords(written)[0] ?? "")) {
    const bySurname = people.filter((a) => normaliseName(a.name).split(" ").length >= 2 && surnameOf(a) === wanted);
    if (bySurname.length > 0) return only(bySurname);
    return only(
      people.filter(
        (a) => normaliseName(a.name).split(" ").length >= 2 && normaliseName(a.name).split(" ")[0] === wanted,
      ),
    );
  }
  return null;
}
