// Who each action's owners are, as proposed to the secretary: "PR" read as Paul Rogers
// from the attendance list, then matched to a person in Slack, or to a body the board
// already uses; anyone matching nobody stays a named owner. Pure.
import type { MinutesExtraction } from "../../../minutes/types";
import { matchBody, matchPerson, type WorkspacePerson } from "./match-people";
import { splitOwnerNames } from "./names";
import { resolveAttendee } from "./resolve-attendee";

export interface ProposedOwner {
  /** As the minutes write it: "PR". */
  written: string;
  /** Who that is: the attendee's full name, the body as the board spells it, else as written. */
  name: string;
  /** The person in Slack it matched, if any. */
  slackUserId: string | null;
  /** How Slack shows that person ("jo"). */
  handle: string | null;
}

export function proposeOwner(
  written: string,
  {
    attendees,
    people,
    knownBodies,
  }: { attendees: MinutesExtraction["attendees"]; people: readonly WorkspacePerson[]; knownBodies: readonly string[] },
): ProposedOwner {
  const attendee = resolveAttendee(written, attendees);
  const name = attendee?.name ?? written;
  const person = matchPerson(name, people) ?? (attendee ? matchPerson(written, people) : null);
  if (person) return { written, name, slackUserId: person.slackUserId, handle: person.handle };
  return { written, name: matchBody(name, knownBodies) ?? name, slackUserId: null, handle: null };
}

/** For each extracted action (in order), its owners' proposed matches. */
export function proposeOwners(
  extraction: MinutesExtraction,
  context: { people: readonly WorkspacePerson[]; knownBodies: readonly string[] },
): ProposedOwner[][] {
  const options = { attendees: extraction.attendees, ...context };
  return extraction.actions.map((action) =>
    action.owners.flatMap(splitOwnerNames).map((written) => proposeOwner(written, options)),
  );
}
