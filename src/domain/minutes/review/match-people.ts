// Owners' names matched to the workspace's people (as users.list describes them) and to
// the bodies the board already names as owners. Pure; two people who fit are no match.
import { normaliseName } from "./names";

/** A person in the workspace, as the review needs them (no Slack types here). */
export interface WorkspacePerson {
  slackUserId: string;
  /** How Slack shows them: the display name, else the handle. */
  handle: string;
  /** real_name, display_name, profile.real_name, first name + surname: any may be empty. */
  names: string[];
}

function only<T>(found: readonly T[]): T | null {
  const unique = [...new Set(found)];
  return unique.length === 1 ? unique[0]! : null;
}

/** Their names, normalised, without empties; the surname and first name of each full name. */
function formsOf(person: WorkspacePerson): { full: string[]; first: string[]; surnames: string[] } {
  const full = [...new Set(person.names.map(normaliseName).filter(Boolean))];
  const multi = full.map((n) => n.split(" ")).filter((w) => w.length >= 2);
  return { full, first: multi.map((w) => w[0]!), surnames: multi.map((w) => w.at(-1)!) };
}

/**
 * The one person `name` fits: a full name as Slack has it; an initial and surname
 * ("A Jenkinson" for Alex Jenkinson); a surname alone when one person has it.
 */
export function matchPerson(name: string, people: readonly WorkspacePerson[]): WorkspacePerson | null {
  const wanted = normaliseName(name);
  if (!wanted) return null;
  const forms = people.map((p) => ({ person: p, ...formsOf(p) }));
  const exact = forms.filter((f) => f.full.includes(wanted)).map((f) => f.person);
  if (exact.length > 0) return only(exact);
  const words = wanted.split(" ");
  if (words.length >= 2 && words.slice(0, -1).every((w) => w.length === 1)) {
    return only(
      forms
        .filter((f) => f.surnames.includes(words.at(-1)!) && f.first.some((first) => first.startsWith(words[0]!)))
        .map((f) => f.person),
    );
  }
  if (words.length === 1 && /^[A-Z]/.test(name.trim().replace(/^(?:Cllr|Dr|Mr|Mrs|Ms|Miss)\.?\s+/, ""))) {
    return only(forms.filter((f) => f.surnames.includes(wanted)).map((f) => f.person));
  }
  return null;
}

/** A body the board already names as an owner ("london councils" → "London Councils"). */
export function matchBody(name: string, knownBodies: readonly string[]): string | null {
  const wanted = normaliseName(name);
  return knownBodies.find((b) => normaliseName(b) === wanted) ?? null;
}
