// Is this piece of an attendance list a person's name, and which name? Titles and
// role words come off ("Cllr", "Professor", "County Councillor", "Clerk"); what is
// left must read as a name as written: capitalised words, initials and particles.
// Organisations ("Home Office", "NACRO", "Linux Foundation") and roles ("Chair",
// "Town Supervisors") are not people.

/** Words that stand before a name and start a new person in a run-on list. */
const TITLE_WORDS = [
  "rt\\.? hon\\.?",
  "the rt\\.? hon\\.?",
  "(?:county|borough|district|parish|town|city) councill?or",
  "c\\.?cllr",
  "councill?ors?",
  "cllrs?",
  "deputy mayor",
  "mayor",
  "dr",
  "prof(?:essor)?",
  "rev(?:d|erend)?",
  "mrs",
  "mr",
  "ms",
  "miss",
  "mx",
  "sir",
  "dame",
  "lord",
  "lady",
  "baroness",
  "baron",
  "ch(?:ief)?\\.? supt",
  "chief superintendent",
  "superintendent",
  "supt",
  "chief inspector",
  "inspector",
  "sergeant",
  "sgt",
  "insp",
  "pc",
  "dci",
  "minister",
  "group manager",
  "(?:deputy |assistant )?commissioner",
  "acc",
  "dcc",
  "pfcc",
  "pcc",
];
const TITLE = new RegExp(`^(?:(?:${TITLE_WORDS.join("|")})\\.?(?:\\s+|$))+`, "i");
/** A title inside run-on text, where a new person begins ("... Cllr Janet Taylor Cllr Andy Hayward"). */
export const TITLE_INSIDE = new RegExp(
  `(?<=[\\p{L}\\p{N}.'’)])\\s+(?=(?:${TITLE_WORDS.filter((t) => !/^(?:pc|minister|lady|lord|sir|mayor|inspector|sergeant|superintendent|group manager|acc|dcc|pfcc|pcc|\(\?:deputy \|assistant \)\?commissioner)$/.test(t)).join("|")})\\.?\\s+\\p{Lu})`,
  "giu",
);
/** Role words said before a name without being part of it ("Clerk J Taylor", "Chairman John Slaby"). */
const LEADING_ROLE =
  /^(?:(?:the|acting|vice|deputy|parish|executive|senior|assistant)\s+)*(?:chair(?:man|woman|person)?|vice[- ]chair|clerk|secretary|treasurer|president|director|officer|cc)\.?\s+(?=\p{Lu})/iu;
const SUFFIXES = /,?\s+\b(?:qpm|obe|mbe|cbe|kbe|frs|jp|dl|mp|qc|kc|phd)\b\.?/gi;
const PARTICLES = new Set([
  "de",
  "da",
  "van",
  "von",
  "der",
  "den",
  "le",
  "la",
  "du",
  "di",
  "del",
  "bin",
  "al",
  "of",
  "y",
  "ter",
  "ten",
]);

/** Words that make a piece an organisation ("Home Office", "Linux Foundation"). */
const ORGANISATION_WORDS = new Set(
  (
    "council councils borough district county ltd limited inc llc llp plc corporation corp company co foundation university college office services service " +
    "department dept ministry police garda authority association group team committee board panel trust agency institute society network project " +
    "community school club church bank government commission partnership partners labs technologies technology systems studios digital archives centre center " +
    "nhs health hospital council's unit division federation alliance consortium union secretariat fire rescue"
  ).split(" "),
);

/** Words that make a piece a role or a remark rather than a person ("Chair", "Town Supervisors", "Other Business"). */
const NOT_NAME_WORDS = new Set([
  ...ORGANISATION_WORDS,
  ...(
    "chair chairman chairwoman chairperson vice secretary treasurer clerk minutes minute host member members officer officers supervisor supervisors " +
    "representative representatives representing nominee nominees cathaoirleach substitute co-opted observer observers guest guests visitor visitors " +
    "executive chief deputy head director manager consultant advisor adviser principal coordinator lead leader mayor commissioner ex officio " +
    "public none nil all apologies apology absent present attendees attendance agenda item items action actions business meeting meetings name names " +
    "other others old new welcome introduction introductions notes note summary declarations matters arising report reports date time venue place " +
    "location quorum resolved agreed noted approved yes no tbc tba n/a various everyone attending staff tac tsc wg sig chairs and with from for to the"
  ).split(" "),
]);

export interface NameOptions {
  /** A lone word may be a name ("Present: Peter, Dan, David"; "Councillors Keller, Ryan"). */
  allowSingle?: boolean;
  /** One person per line: a lower-case given name is still a name ("martin Mächler"). */
  isOwnLine?: boolean;
}

/** Strips titles, honours, role words and bracketed asides; the person's name, or undefined if it is not one. */
export function readPersonName(raw: string, options: NameOptions = {}): string | undefined {
  let name = raw
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[*_"“”()[\]]/g, "")
    .replace(/(?<=^|\s)(\p{Lu})\.(?=\p{Lu}\p{Ll})/gu, "$1. ")
    .replace(/\s+/g, " ")
    .trim();
  name = name.replace(/^[\s,.;:&+-]+|[\s,;:&+-]+$/g, "");
  for (let i = 0; i < 3; i++) name = name.replace(TITLE, "").replace(LEADING_ROLE, "");
  name = name
    .replace(SUFFIXES, "")
    .replace(/[.,;:]+$/, "")
    .trim();
  // "VM (Vicky) Brasseur" lost its bracket above; "@handle" and "Name:" are not names here.
  if (!name || /[@\d/\\|=<>#]/.test(name)) return undefined;
  const tokens = name.split(/\s+/);
  const words = tokens.filter((t) => !PARTICLES.has(t.toLowerCase()));
  if (words.length === 0 || words.length > 4) return undefined;
  if (PARTICLES.has(tokens[0]!.toLowerCase()) && tokens.length === 1) return undefined;
  let lowerCase = 0;
  for (const token of words) {
    if (
      token
        .toLowerCase()
        .replace(/[.,]$/, "")
        .split("-")
        .some((part) => NOT_NAME_WORDS.has(part))
    )
      return undefined;
    if (/^\p{Lu}[\p{L}'’.-]*$/u.test(token)) continue;
    if (/^(?:\p{Lu}\.){1,3}$/u.test(token)) continue;
    if (/^[\p{Ll}][\p{L}'’-]+$/u.test(token)) {
      lowerCase++;
      continue;
    }
    return undefined;
  }
  // A lower-case word is a name only on a line of its own beside a capitalised one ("martin Mächler").
  if (lowerCase > 0 && !(options.isOwnLine && lowerCase === 1 && words.length >= 2)) return undefined;
  // Acronyms and shouted headings: "NACRO", "CESG", "OFFICIALS IN ATTENDANCE".
  if (words.every((t) => /^[\p{Lu}'’.-]+$/u.test(t)) && words.some((t) => t.replace(/[^\p{L}]/gu, "").length >= 3))
    return undefined;
  // Initials alone are not a name ("P.", "T"): a name has a word.
  if (!words.some((t) => t.replace(/[^\p{L}]/gu, "").length >= 2)) return undefined;
  if (words.length === 1 && !options.allowSingle) return undefined;
  return name;
}

/** Is the piece written with a title ("Mr M Ferrie", "Cllr Sheehy", "Dr S Adams")? */
export function hasTitle(raw: string): boolean {
  return TITLE.test(raw.replace(/^[\s(,;:-]+/, ""));
}

/** Does the piece name an organisation or a role ("Borough Council of Kings Lynn", "Town Supervisors")? */
export function isOrganisation(raw: string): boolean {
  return raw
    .split(/[\s-]+/)
    .some((word) => ORGANISATION_WORDS.has(word.toLowerCase().replace(/[.,]$/, "")) && /^\p{Lu}/u.test(word));
}
