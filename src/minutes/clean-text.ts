// Turns a document's text into clean numbered lines: what PDF extraction, Word,
// Markdown and chat pasting leave behind (page headers and footers, ligatures,
// words hyphenated across lines, emphasis marks, struck-through done items) is
// removed, and every line keeps the number it had in the document.

export interface SourceLine {
  text: string;
  /** 1-based line in the document as given. */
  line: number;
  /** A Markdown heading (`## ...`) or a bold-only line: a heading, whatever its words. */
  isMarkedHeading: boolean;
}

export interface CleanDocument {
  lines: SourceLine[];
  /** A `title:` from Markdown front matter, if any. */
  frontMatterTitle: string | null;
  /** A `date:` from Markdown front matter (a blog post's date, often the meeting's), as written. */
  frontMatterDate: string | null;
}

const LIGATURES: Record<string, string> = { ﬁ: "fi", ﬂ: "fl", ﬀ: "ff", ﬃ: "ffi", ﬄ: "ffl", ﬅ: "st", ﬆ: "st" };

function normaliseCharacters(text: string): string {
  return text
    .replace(/[ﬁﬂﬀﬃﬄﬅﬆ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/\u2026/g, "...")
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, "");
}

/** Markdown and chat formatting that carries no words. */
function stripMarkup(text: string): { text: string; isMarkedHeading: boolean } {
  let isMarkedHeading = /^\s{0,3}#{1,6}\s/.test(text);
  let out = text.replace(/^\s{0,3}#{1,6}\s+/, "");
  // Struck-through text is done or withdrawn: it is not there.
  // A list entry that is mostly struck through is done: drop what is left of it too.
  // Link targets are not words: "~done~ see [the issue](https://...)" is still mostly struck through.
  const struck = (out.match(/~~[^~]*~~|(^|[\s(])~(?=\S)[^~]*\S~(?=$|[\s).,;:])/g) ?? [])
    .join("")
    .replace(/\]\([^)]*\)/g, "]").length;
  const visible = out
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, "")
    .replace(/^\s*([-*•]|\d+[.)])\s/, "").length;
  if (struck > 0 && /^\s*([-*•]|\d+[.)])\s/.test(out) && struck * 2 > visible) out = "";
  out = out
    .replace(/~~[^~]*~~/g, "")
    .replace(/(^|[\s(])~(?=\S)[^~]*\S~(?=$|[\s).,;:])/g, "$1")
    .replace(/<(s|del|strike)>.*?<\/\1>/gi, "");
  out = out.replace(/!\[[^\]]*\]\([^)]*\)/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  // A reference-style link ("[Sarah Callbeck][SarahCallbeck]") is its text.
  out = out.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
  out = out.replace(/<\/?[a-z][^>]*>/gi, "");
  const trimmed = out.trim();
  if (/^(\*\*|__)[^*_].*(\*\*|__)[:.]?$/.test(trimmed) && !/\*\*.*\*\*.*\*\*/.test(trimmed.slice(2, -2)))
    isMarkedHeading ||= trimmed.length < 100;
  out = out.replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, "$2").replace(/\*\*|__/g, "");
  out = out.replace(/(^|[\s(])[*_](?=\S)([^*_]*?\S)[*_](?=$|[\s).,:;])/g, "$1$2");
  out = out.replace(/`([^`]*)`/g, "$1");
  // An IRC meeting bot's note of who typed a line and when ("(FranciscoD, 15:48:51)") is not part of it.
  out = out.replace(/\s+\(\s*[\w.|^[\]-]+,\s*\d{1,2}:\d{2}:\d{2}\)\s*$/, "");
  out = out.replace(/^\s*>\s?/, "");
  return { text: out, isMarkedHeading };
}

const PAGE_NUMBER = /^\s*(-\s*)?(page\s+)?\d{1,3}(\s*(of|\/)\s*\d{1,3})?(\s*-)?\s*$/i;

/** A line's shape with digits folded, so "Page 2 of 5" and "Page 3 of 5" count as one header. */
const shapeOf = (text: string) => text.trim().toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ");

/**
 * An HTML table row spread over lines ("<tr>" / "<td><p>Oliver Cole</p></td>" / ... / "</tr>") as
 * one pipe-table row on its first line; the row's other lines, and lines of nothing but table
 * structure ("<tbody>", "</table>"), are not lines of the document at all (null), as they are not on
 * the page. In nested tables only the innermost rows are rows; an outer row's lines lose their tags.
 */
function htmlRowsAsPipes(rawLines: string[]): Array<string | null> {
  const out: Array<string | null> = rawLines.map((text) =>
    /^\s*(?:<\/?(?:table|tbody|thead|tfoot|tr|colgroup|col|caption)\b[^>]*>\s*)+$/i.test(text) ? null : text,
  );
  let start: number | undefined;
  rawLines.forEach((text, index) => {
    if (/<tr[\s>]/i.test(text)) start = index;
    else if (start !== undefined && /<table[\s>]/i.test(text)) start = undefined;
    if (start === undefined || !/<\/tr>/i.test(text)) return;
    const row = rawLines.slice(start, index + 1).join(" ");
    const cells = [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((m) =>
      m[1]!
        .replace(/<[^>]*>/g, " ")
        .replace(/\|/g, "/")
        .replace(/\s+/g, " ")
        .trim(),
    );
    if (cells.length > 0 && !/<table[\s>]/i.test(row)) {
      for (let i = start; i <= index; i++) out[i] = null;
      out[start] = `| ${cells.join(" | ")} |`;
    }
    start = undefined;
  });
  return out;
}

export function cleanText(raw: string): CleanDocument {
  const rawLines = htmlRowsAsPipes(raw.replace(/\r\n?/g, "\n").split("\n"));
  const hasPageBreaks = raw.includes("\f");
  let frontMatterTitle: string | null = null;
  let frontMatterDate: string | null = null;
  let lines: SourceLine[] = [];
  let inFrontMatter = false;
  let blockScalarIndent: number | undefined;
  let seenContent = false;
  rawLines.forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine === null) return;
    if (!seenContent && /^SOURCE:\s*\S+/.test(rawLine)) return;
    if (!seenContent && rawLine.trim() === "---") {
      inFrontMatter = true;
      seenContent = true;
      return;
    }
    if (inFrontMatter) {
      if (rawLine.trim() === "---") inFrontMatter = false;
      else if (
        blockScalarIndent !== undefined &&
        (!rawLine.trim() || rawLine.startsWith(" ".repeat(blockScalarIndent)))
      ) {
        // Minutes kept in the front matter itself ("minutes: >-" then indented text): they are the document.
        const { text, isMarkedHeading } = stripMarkup(
          normaliseCharacters(rawLine.slice(Math.min(blockScalarIndent, rawLine.length))),
        );
        lines.push({ text: text.replace(/[ \u3000]+$/g, ""), line, isMarkedHeading });
        return;
      } else {
        blockScalarIndent = /^(?:minutes|agenda|body|content|notes|summary|text):\s*[|>][-+]?\s*$/i.test(rawLine)
          ? 2
          : undefined;
        const title = /^title:\s*(.+)$/i.exec(rawLine.trim());
        if (title) frontMatterTitle = title[1]!.replace(/^["']|["']$/g, "").trim();
        const date = /^date:\s*(.+)$/i.exec(rawLine.trim());
        if (date) frontMatterDate = date[1]!.replace(/^["']|["']$/g, "").trim();
      }
      return;
    }
    if (rawLine.trim()) seenContent = true;
    for (const piece of rawLine.split("\f")) {
      const { text, isMarkedHeading } = stripMarkup(normaliseCharacters(piece));
      lines.push({ text: text.replace(/[ \u3000]+$/g, ""), line, isMarkedHeading });
    }
  });

  // Running headers and footers: short lines that repeat page after page.
  const counts = new Map<string, number>();
  for (const l of lines) if (l.text.trim()) counts.set(shapeOf(l.text), (counts.get(shapeOf(l.text)) ?? 0) + 1);
  const threshold = hasPageBreaks ? 2 : 3;
  lines = lines.map((l) => {
    const shape = shapeOf(l.text);
    // A table's header row repeats on every page too, and is kept: it says what the columns are.
    // A Markdown heading repeated under each item ("**Resolved**") is the document's structure, not a page's.
    const isRepeated =
      !l.isMarkedHeading &&
      (counts.get(shape) ?? 0) >= threshold &&
      shape.length <= 90 &&
      !l.text.includes("\t") &&
      !/^[-*•#]|^\d+[.)]\s/.test(shape) &&
      /[a-z]{3}/.test(shape) &&
      !/[.:]$/.test(shape);
    const isBoilerplate =
      PAGE_NUMBER.test(l.text) || /^\s*(draft|confidential|official(-sensitive)?|continued|cont'd)\s*$/i.test(l.text);
    return isRepeated || isBoilerplate ? { ...l, text: "" } : l;
  });

  // Words hyphenated across a line break: "enforce-" + "ment".
  for (let i = 0; i < lines.length - 1; i++) {
    const current = lines[i]!;
    if (!/[a-z]-$/.test(current.text)) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.text.trim() && j - i < 3) j++;
    const next = lines[j];
    if (!next || !/^\s*[a-z]/.test(next.text)) continue;
    const [head, ...rest] = next.text.trim().split(/\s+/);
    // "self-" + "assessment" keeps its hyphen; "enforce-" + "ment" loses it.
    const isCompound =
      /\b(self|non|co|well|cross|multi|long|short|high|low|part|full|half|year|day|anti|inter|sub|over|under|follow|wide|up|down|re|pre|post|joint|cross|front|back|mid)-$/i.test(
        current.text,
      );
    current.text = (isCompound ? current.text : current.text.slice(0, -1)) + head;
    next.text = rest.join(" ");
  }
  return { lines, frontMatterTitle, frontMatterDate };
}
