// Turns a phrase as typed into the plain lower-case form the rules read: no time of day,
// no leading "by"/"due"/"no later than", no trailing full stop, one space between words.

/** Phrases longer than this are refused before any parsing: no date needs more. */
export const MAX_PHRASE_CHARACTERS = 200;

const LEADING_FILLER = new RegExp(
  "^(?:" +
    [
      "no later than",
      "not later than",
      "on or before",
      "by no later than",
      "due by",
      "due on",
      "due date",
      "deadline",
      "due",
      "by",
      "before",
      "until",
      "till",
      "on",
      "in",
      "at",
      "during",
      "for",
      "the",
    ].join("|") +
    ")(?:\\s+|:\\s*|$)",
);

const TRAILING_FILLER = /\s+(?:at the latest|latest|or earlier|or sooner|if possible)$/;

// Times of day. A dotted time ("13.30") is taken as a time only when it cannot be a day
// and month ("12.11" is 12 November) or when "at" comes before it.
const TIMES_OF_DAY: readonly RegExp[] = [
  /(?:\b(?:at|by|from)\s+)?\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)(?![a-z])/g,
  /(?:\b(?:at|by)\s+)?(?<![\d/.:-])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])/g,
  /\bat\s+\d{1,2}\.\d{2}(?![\d.])/g,
  /(?<![\d/.:-])(?:[01]?\d|2[0-3])\.(?:00|1[3-9]|[2-5]\d)(?![\d./])/g,
  /\b(?:at\s+)?(?:12\s+)?(?:noon|midday|midnight)\b/g,
  /\b(?:uk|london) time\b|\b(?:bst|gmt)\b/g,
];

// "Close of play" is the end of a working day; alone it means today.
const END_OF_WORKING_DAY =
  /\b(?:(?:close|end) of (?:play|business|(?:the )?(?:working )?day)|cop|cob|eod|eob)\b(?:\s+on\b)?/;

export function normalisePhrase(raw: string): string {
  let text = raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u201c\u201d"«»()[\]{}]/g, " ")
    .replace(/\s+/g, " ");

  const withTime = text;
  for (const pattern of TIMES_OF_DAY) text = text.replace(pattern, " ");
  const saidTimeOfDay = text !== withTime || END_OF_WORKING_DAY.test(text);
  text = text
    .replace(new RegExp(END_OF_WORKING_DAY.source, "g"), " ")
    .replace(/\btonight\b|\bthis (?:morning|afternoon|evening)\b/g, " today ")
    .replace(/\b(?:in the )?(?:morning|afternoon|evening|night)\b/g, " ")
    .replace(/\bthe (?=\d)/g, "") // "the 19th of November", "Monday the 15th"
    .replace(/(^|\s)'(\d{2})\b/g, (_, space: string, year: string) => `${space}20${year}`) // "Dec '12"
    .replace(/,/g, " ");
  text = tidy(text);

  // A recurring deadline ("by the end of March each year") is read as its next occurrence.
  text = tidy(
    text
      .replace(/\b(?:each|every) (?:week|month|quarter|year)$/, "")
      .replace(/\b(?:annually|yearly|monthly|quarterly|weekly)$/, "")
      .replace(/\bof (?:each|every) (week|month|quarter|year)\b/, "of the $1"),
  );

  text = stripFiller(text);
  // A time alone ("by 5pm", "close of play") is today's; "close of play Friday" is Friday.
  if (text === "" && saidTimeOfDay) text = "today";
  return text;
}

function stripFiller(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = tidy(
      current
        .replace(LEADING_FILLER, "")
        .replace(TRAILING_FILLER, "")
        .replace(/\s+(?:at|on|by)$/, ""),
    );
  } while (current !== previous);
  return current;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, " ").replace(/^[\s.,;:!?'-]+|[\s.,;:!?'-]+$/g, "");
}
