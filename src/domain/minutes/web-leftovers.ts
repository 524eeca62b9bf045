// What a web page leaves in minutes copied or saved from it: links and buttons
// ("View directions", "Print this page"), the page's own title ("Agenda and
// minutes"), cookie banners, navigation. Pure; the digest shows text without them.
// (The parser's cleaning may take this over later: the same rules would apply.)

/** Phrases that are never minutes, wherever they stand. */
const FRAGMENTS =
  /\b(?:view|get|show) (?:directions|map)\b|\(?\bopens? in (?:a )?new (?:window|tab)\)?|\bskip to (?:the )?(?:main )?content\b|\bskip (?:to )?navigation\b|\bjump to (?:main )?(?:content|navigation)\b|\bprint (?:this|the) page\b|\bprinter[- ]friendly version\b|\bback to top\b|\breturn to top\b/gi;

/** A page's title over the minutes: "Agenda and minutes - Cabinet - Tuesday, 5th March, 2024". */
const PAGE_TITLE = /^\s*agendas?(?:,? (?:reports|decisions))?,? and minutes\b\s*(?:[-\u2013\u2014:|,]\s*|$)/i;

/** Texts that are, entirely, a page's furniture. */
const WHOLE = [
  /^(?:print|share|share this page|email this page|menu|main menu|search|search this site|sign in|log in|login|register|home|breadcrumb|you are here|directions|map)$/i,
  /^(?:meeting details|browse meetings|meetings calendar|committee details|download (?:pdf|the document|this document|the minutes)(?: \(.*\))?)$/i,
  /^(?:contact us|accessibility(?: statement)?|privacy(?: policy| notice)?|cookies?(?: policy| settings| preferences)?|terms (?:and|&) conditions|site ?map|top of page)$/i,
  /^(?:was|is) this page (?:useful|helpful)\b|^report a problem with this page\b|^give feedback\b/i,
  /^(?:please )?(?:enable|turn on)\b.*\bjavascript\b|\bjavascript (?:is )?(?:disabled|required|switched off)\b/i,
  /^share on (?:twitter|facebook|linkedin|x|email)$/i,
];

/** A cookie banner: short, and in a banner's own words ("We use cookies", "Accept all cookies"), not minutes about cookies. */
const COOKIE_BANNER =
  /\b(?:we use|this (?:web)?site uses|(?:web)?site uses) (?:some |essential |necessary |analytics )?cookies\b|\b(?:accept|reject|allow) (?:all |additional |optional |analytics )?cookies\b|\bmanage cookies\b|^cookie (?:settings|preferences|consent)$/i;
const isCookieBanner = (text: string) => text.length < 400 && COOKIE_BANNER.test(text);

const SEPARATORS_AT_START = /^[\s\-\u2013\u2014:;,|\u00b7\u2022*]+/;
// A colon at the end is the minutes' own ("The following payments were approved:"), so it stays.
const SEPARATORS_AT_END = /[\s\-\u2013\u2014;,|\u00b7\u2022*]+$/;

/** The text without web-page leftovers, its ends tidied; "" when nothing else was there. */
export function withoutWebLeftovers(text: string): string {
  const kept = text
    .replace(FRAGMENTS, " ")
    .replace(PAGE_TITLE, "")
    .replace(/\s+/g, " ")
    .replace(SEPARATORS_AT_START, "")
    .replace(SEPARATORS_AT_END, "");
  if (isCookieBanner(kept) || WHOLE.some((pattern) => pattern.test(kept.replace(/[.!?]+$/, "")))) return "";
  return kept;
}
