// Work given in the forms of a motion or a to-do list rather than an action marker:
// "Motion ... to appoint J K as the person to set up the notices", "TODO Lena – move
// the CI jobs", and "Name: task" entries under a "Resolved:" list.
import type { Block } from "./blocks";
import { findDue } from "./find-dates";
import { firstWords, tagWords } from "./language";
import { isKnownName, isOwnerPhrase, splitOwners } from "./owners";
import { cleanActionText, type ActionContext, type FoundAction } from "./action-text";
import { readAssignment } from "./assignment";

const APPOINTED =
  /\bappoint(?:ed|s)?\s+(?<who>(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms)\.?\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s+as\s+(?:the\s+|a\s+)?(?:person|one|lead|officer|member|representative|volunteer|coordinator|co-ordinator)?\s*(?:responsible\s+)?to\s+(?<work>[a-z][^.;]+)/;
const TODO = /^(?:TODO|To-?do)\b[:\s]+(?<who>@?[\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)\s*[-–—:]\s+(?<work>.+)$/;
const RESOLVED_LIST = /^(?:resolved|resolutions|decisions(?: and actions)?|outcomes?)\s*:?$/i;
const NAMED_ENTRY = /^(?<who>[^:]{1,40}):\s*(?<work>.+)$/;

/** A name written alone: "Sam", "Jan Kowal", "@lena", or an owner phrase. */
function isNamed(who: string, context: ActionContext): boolean {
  // Not any capitalised word ("Budget: accepted"): someone at the meeting, a handle, or a role or titled name.
  return /^@[\w.-]+$/.test(who) || isOwnerPhrase(who, context, { strict: true }) || isKnownName(who, context);
}

function action(who: string, work: string, block: Block, index: number, context: ActionContext): FoundAction {
  const due = findDue(work, context);
  return {
    text: cleanActionText(work, due),
    owners: splitOwners(who),
    due,
    line: block.line,
    source: "marker",
    block: index,
  };
}

/** A list entry's own status: "(todo)" still to do; "(done)", "(done: agreed we will ...)" finished. */
const TODO_STATUS = /\s*\((?:todo|to do|to-do|open|pending|in progress)\)\s*\.?$/i;
/** "Web site cleanup (akm and tommy to work off tommy's spreadsheet)": an assignment in brackets. */
const BRACKETED_ASSIGNMENT = /\(([^()]*?\b[A-Za-z][\w'’-]*(?:\s+(?:and|&)\s+[A-Za-z][\w'’-]*)?\s+to\s+[a-z][^()]*)\)/g;

function fromListEntry(block: Block, index: number, context: ActionContext): FoundAction[] {
  if (block.kind !== "bullet" && block.kind !== "numbered") return [];
  if (TODO_STATUS.test(block.text)) {
    const work = block.text.replace(TODO_STATUS, "");
    const due = findDue(work, context);
    return [{ text: cleanActionText(work, due), owners: [], due, line: block.line, source: "list", block: index }];
  }
  const head = block.text.replace(BRACKETED_ASSIGNMENT, "").trim();
  const out: FoundAction[] = [];
  for (const m of block.text.matchAll(BRACKETED_ASSIGNMENT)) {
    for (const clause of m[1]!.split(/\s*,\s*/)) {
      // Handles written in lower case ("akm and tommy to ...") are people here too.
      const handles = /^([a-z][\w'’-]*(?:\s+(?:and|&)\s+[a-z][\w'’-]*)?)\s+to\s+((?!be\b)[a-z].*)$/.exec(clause.trim());
      const assigned =
        readAssignment(clause, context, { isMarked: true }) ??
        (handles && areHandles(handles[1]!, handles[2]!)
          ? { owners: handles[1]!.split(/\s+(?:and|&)\s+/), text: handles[2]!, due: findDue(handles[2]!, context) }
          : undefined);
      if (!assigned || assigned.owners.length === 0) continue;
      // "akm to review" says what to do to the entry: "Review continued data structure work".
      const text =
        assigned.text.split(/\s+/).length === 1 && head
          ? `${assigned.text} ${head.charAt(0).toLowerCase()}${head.slice(1)}`
          : assigned.text;
      out.push({
        text: cleanActionText(text, assigned.due),
        owners: assigned.owners,
        due: assigned.due,
        line: block.line,
        source: "list",
        block: index,
      });
    }
  }
  return out;
}

/** "akm and tommy" before "to work": names (the model tags them nouns), not "due to start" or "proposed to be". */
function areHandles(who: string, work: string): boolean {
  const tagged = tagWords(`${who} to ${firstWords(work, 2)}`);
  const names = who.split(/\s+/).filter((w) => !/^(?:and|&)$/.test(w));
  const verb = tagged[who.split(/\s+/).length + 1];
  return (
    names.every((n) => ["PROPN", "NOUN"].includes(tagged.find((t) => t.word === n)?.pos ?? "")) && verb?.pos === "VERB"
  );
}

export function fromDuties(blocks: readonly Block[], context: ActionContext, used: Set<number>): FoundAction[] {
  const found: FoundAction[] = [];
  let inResolvedList = false;
  blocks.forEach((block, index) => {
    if (block.kind === "heading" || (block.kind === "text" && block.text.length < 40))
      inResolvedList = RESOLVED_LIST.test(block.text.trim());
    if (used.has(index) || block.kind === "table_row") return;
    const entries = fromListEntry(block, index, context);
    if (entries.length > 0) {
      found.push(...entries);
      used.add(index);
      return;
    }
    const todo = TODO.exec(block.text);
    if (todo?.groups && isNamed(todo.groups.who!, context)) {
      found.push(action(todo.groups.who!, todo.groups.work!, block, index, context));
      used.add(index);
      return;
    }
    const appointed = APPOINTED.exec(block.text);
    if (appointed?.groups && isNamed(appointed.groups.who!.trim(), context)) {
      found.push(action(appointed.groups.who!.trim(), appointed.groups.work!, block, index, context));
      used.add(index);
      return;
    }
    const entry = inResolvedList && block.kind === "bullet" ? NAMED_ENTRY.exec(block.text) : null;
    if (entry?.groups && isNamed(entry.groups.who!.trim(), context)) {
      found.push(action(entry.groups.who!.trim(), entry.groups.work!, block, index, context));
      used.add(index);
    }
  });
  return found;
}
