// An attendance list written as a paragraph: "Cllr Sue Lintern (Chair) Cllr Kit
// Hesketh-Harvey (Vice-Chair) Cllr Andy Hayward", "Mr. T. O'Dwyer, Anglesboro Tidy
// Town, Mr. W. Priestley, Our Lady of Lourdes Community Services", "Chief
// Superintendent (Mr. G. Roche)", "T and F Boxall", "Karen Tom Tayeb Ken Kevin".
import { hasTitle, isOrganisation, readPersonName, TITLE_INSIDE } from "./person-names";
import type { AttendanceStatus } from "./types";

/** Splits at a separator that is not inside brackets. */
export function splitTopLevel(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  const global = new RegExp(separator.source, separator.flags.includes("g") ? separator.flags : `${separator.flags}g`);
  const depthAt: number[] = [];
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    depthAt.push(depth);
  }
  // depthAt is per code point; map back through a code-unit index.
  const unitDepth: number[] = [];
  let i = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) unitDepth.push(depthAt[i]!);
    i++;
  }
  for (const m of text.matchAll(global)) {
    if (m[0].length === 0 || (unitDepth[m.index] ?? 0) > 0) continue;
    out.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  out.push(text.slice(from));
  return out.map((p) => p.trim()).filter(Boolean);
}

const ABSENT = /\b(?:absent|absence|apolog\w*|regrets|excused|by proxy|unable to attend|not present|late arrival)\b/i;
const ONLY_INITIALS = /^(?:\p{Lu}\.?\s*){1,2}$/u;

export interface RunOnPerson {
  name: string;
  role: string | null;
  status: AttendanceStatus;
}

/** Every person named in a run-on list, in order. */
export function readRunOn(
  text: string,
  status: AttendanceStatus,
  options: { isOwnLine?: boolean } = {},
): RunOnPerson[] {
  const out: RunOnPerson[] = [];
  // Sentences: "... Town Supervisors. Jamie Soberg, Clerk/Treasurer, excused absence." (not after "Mr." or "J.").
  const sentences = text
    .split(/(?<=[\p{Ll}]{3,}|\))\.\s+(?=\p{Lu})/u)
    .filter((s) => !/^(?:Cllr|Prof|Revd|Supt|Insp)$/.test(s));
  const plural = /^\s*(?:councillors|cllrs\.?)\s/i.test(text);
  for (const sentence of sentences) {
    const sentenceStatus: AttendanceStatus = ABSENT.test(sentence.replace(/\([^)]*\)/g, "")) ? "apologies" : status;
    // "Chief Superintendent (Mr. G. Roche)": the name is in the brackets; other brackets are asides.
    let flat = sentence.replace(/\(([^()]*)\)/g, (whole, inside: string) => {
      if (hasTitle(inside) && inside.split(/[,;]|\band\b/).some((part) => hasTitle(part) && readPersonName(part)))
        return `, ${inside},`;
      if (/\b(?:by proxy|absent|apologies)\b/i.test(inside)) return " \u0001,";
      return ",";
    });
    flat = flat
      .replace(/\[[^\]]*\]/g, ",")
      .replace(TITLE_INSIDE, ", ")
      .replace(/\s[-–—]\s/g, ", ");
    // Keep each piece's separator: a piece joined by "and" to an organisation is part of it ("Borough Council of Kings Lynn and West Norfolk").
    const pieces = flat.split(/([,;&+:·•\t]|\s{3,}|\band\b|\bplus\b)/);
    let chunks: string[] = [];
    let afterOrganisation = false;
    for (let k = 0; k < pieces.length; k += 2) {
      const piece = pieces[k]!.trim();
      const joinedBy = (pieces[k - 1] ?? "").trim();
      if (!piece) {
        afterOrganisation = false;
        continue;
      }
      if (afterOrganisation && /^(?:and|&)$/.test(joinedBy)) continue;
      afterOrganisation = !hasTitle(piece) && isOrganisation(piece);
      chunks.push(piece);
    }
    // Five capitalised words with no initial are five people ("Karen Tom Tayeb Ken Kevin").
    chunks = chunks.flatMap((c) =>
      /^(?:\p{Lu}\p{Ll}+\s+){4,}\p{Lu}\p{Ll}+$/u.test(c) && !hasTitle(c) ? c.split(/\s+/) : [c],
    );
    // Four capitalised words after a title are two people whose second lost its title ("Cllr Janet Taylor Helen Richardson").
    chunks = chunks.flatMap((c) => {
      const m = /^(.*?)(\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}[\p{L}'’-]+)\s+(\p{Lu}[\p{Ll}'’-]+\s+\p{Lu}[\p{L}'’-]+)$/u.exec(c);
      return m && hasTitle(m[1]!) && readPersonName(m[1]!) === undefined ? [`${m[1]}${m[2]}`, `${m[1]}${m[3]}`] : [c];
    });
    const single = chunks.filter((c) => /^\p{Lu}[\p{L}'’-]+$/u.test(c)).length;
    const titled = chunks.filter((c) => hasTitle(c) && readPersonName(c, { allowSingle: true })).length;
    const allowSingle =
      plural ||
      titled > 0 ||
      (single >= 2 && single * 5 >= chunks.length * 3) ||
      Boolean(options.isOwnLine && chunks.length === 1);
    const isTitledList =
      titled >= 2 && titled * 2 >= chunks.filter((c) => readPersonName(c, { allowSingle: true })).length;
    for (const [index, raw] of chunks.entries()) {
      // eslint-disable-next-line no-control-regex -- control characters are what this removes or refuses
      let chunk = raw.replace(/\u0001/g, "").trim();
      const chunkStatus = raw.includes("\u0001") ? "apologies" : sentenceStatus;
      // "T and F Boxall": the first initial shares the surname.
      const next = chunks[index + 1];
      if (ONLY_INITIALS.test(chunk) && next) {
        const surname = /^(?:\p{Lu}\.?\s+)+(.+)$/u.exec(next.trim())?.[1];
        if (surname) chunk = `${chunk.trim()} ${surname}`;
      }
      if (isTitledList && !hasTitle(chunk) && !/^(?:\p{Lu}\.?\s+){1,3}\p{Lu}/u.test(chunk)) continue;
      let name = readPersonName(chunk, { allowSingle, ...(options.isOwnLine ? { isOwnLine: true } : {}) });
      // "Hertfordshire Police Authority G Miles": an organisation run into the next name.
      if (!name) {
        const tail = /\s((?:\p{Lu}\.?\s+){1,3}\p{Lu}[\p{L}'’-]+)$/u.exec(chunk)?.[1];
        if (tail && tail !== chunk) name = readPersonName(tail);
      }
      if (!name) continue;
      out.push({ name, role: null, status: chunkStatus });
    }
  }
  return out;
}
