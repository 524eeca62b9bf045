// Checks a Block Kit payload against the limits Slack enforces, so a message that
// Slack would reject fails the test that sent it. Limits from Slack's reference:
// https://docs.slack.dev/reference/block-kit/blocks

export type Surface = "message" | "modal" | "home";

const BLOCK_LIMIT: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
const KNOWN_BLOCKS = new Set([
  "section",
  "header",
  "context",
  "actions",
  "divider",
  "input",
  "image",
  "rich_text",
  "file",
  "video",
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Text as Slack counts it: in characters, so an emoji outside the Basic Multilingual Plane
 * (two UTF-16 units in JavaScript) is one. Half of one (a lone surrogate) is not text at all:
 * it cannot be written in UTF-8, so Slack cannot take it, wherever it is.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === "string" ? value.text : undefined;
}

function checkText(
  problems: string[],
  where: string,
  value: unknown,
  max: number,
  type?: "plain_text" | "mrkdwn",
): void {
  if (!isObject(value)) {
    problems.push(`${where}: text object missing`);
    return;
  }
  if (value.type !== "plain_text" && value.type !== "mrkdwn")
    problems.push(`${where}: text type ${String(value.type)}`);
  if (type && value.type !== type) problems.push(`${where}: must be ${type}`);
  const text = textOf(value);
  if (text === undefined || text.length === 0) problems.push(`${where}: empty text`);
  else if (hasLoneSurrogate(text))
    problems.push(`${where}: invalid text (half of a character, such as an emoji cut in two)`);
  else if (characterCount(text) > max)
    problems.push(`${where}: text is ${characterCount(text)} characters, limit ${max}`);
}

function checkElement(problems: string[], where: string, element: unknown): void {
  if (!isObject(element)) {
    problems.push(`${where}: not an object`);
    return;
  }
  if (typeof element.action_id === "string" && element.action_id.length > 255)
    problems.push(`${where}: action_id over 255`);
  if (element.type === "button") {
    checkText(problems, `${where}.text`, element.text, 75, "plain_text");
    if (typeof element.value === "string" && characterCount(element.value) > 2000)
      problems.push(`${where}: value over 2000`);
    if (typeof element.url === "string" && element.url.length > 3000) problems.push(`${where}: url over 3000`);
  }
  if (isObject(element.placeholder))
    checkText(problems, `${where}.placeholder`, element.placeholder, 150, "plain_text");
  if (Array.isArray(element.options)) {
    if (element.options.length > 100) problems.push(`${where}: more than 100 options`);
    element.options.forEach((option, i) => {
      if (isObject(option)) checkText(problems, `${where}.options[${i}].text`, option.text, 75);
    });
  }
}

function checkBlock(problems: string[], where: string, block: unknown, blockIds: Set<string>): void {
  if (!isObject(block)) {
    problems.push(`${where}: not an object`);
    return;
  }
  const type = String(block.type);
  if (!KNOWN_BLOCKS.has(type)) problems.push(`${where}: unknown block type ${type}`);
  if (typeof block.block_id === "string") {
    if (block.block_id.length > 255) problems.push(`${where}: block_id over 255`);
    if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
    blockIds.add(block.block_id);
  }
  switch (type) {
    case "header":
      checkText(problems, `${where}.text`, block.text, 150, "plain_text");
      break;
    case "section": {
      const fields = block.fields;
      if (block.text === undefined && !Array.isArray(fields)) problems.push(`${where}: section needs text or fields`);
      if (block.text !== undefined) checkText(problems, `${where}.text`, block.text, 3000);
      if (Array.isArray(fields)) {
        if (fields.length > 10) problems.push(`${where}: more than 10 fields`);
        fields.forEach((field, i) => checkText(problems, `${where}.fields[${i}]`, field, 2000));
      }
      if (block.accessory !== undefined) checkElement(problems, `${where}.accessory`, block.accessory);
      break;
    }
    case "context": {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 10) problems.push(`${where}: context needs 1 to 10 elements`);
      elements.forEach((el, i) => {
        if (isObject(el) && el.type !== "image") checkText(problems, `${where}.elements[${i}]`, el, 3000);
      });
      break;
    }
    case "actions": {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 25) problems.push(`${where}: actions needs 1 to 25 elements`);
      elements.forEach((el, i) => checkElement(problems, `${where}.elements[${i}]`, el));
      break;
    }
    case "input":
      checkText(problems, `${where}.label`, block.label, 2000, "plain_text");
      checkElement(problems, `${where}.element`, block.element);
      break;
    default:
      break;
  }
}

export function validateBlocks(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  if (blocks.length > BLOCK_LIMIT[surface]) {
    problems.push(`${blocks.length} blocks, limit ${BLOCK_LIMIT[surface]} for a ${surface}`);
  }
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => checkBlock(problems, `blocks[${i}]`, block, blockIds));
  return problems;
}

/** A message (chat.postMessage, chat.update, ephemeral, a command reply, response_url). */
export function validateMessage(payload: Json): string[] {
  const problems = validateBlocks(payload.blocks, "message");
  const text = payload.text;
  if (typeof text !== "string" || text.trim().length === 0) problems.push("message has no plain text fallback");
  else if (hasLoneSurrogate(text))
    problems.push("text: invalid text (half of a character, such as an emoji cut in two)");
  else if (characterCount(text) > 40000) problems.push("text over 40000 characters");
  return problems;
}

export function validateView(view: unknown): string[] {
  if (!isObject(view)) return ["view is missing"];
  const surface: Surface = view.type === "home" ? "home" : "modal";
  const problems = validateBlocks(view.blocks, surface);
  if (view.type !== "home" && view.type !== "modal") problems.push(`view type ${String(view.type)}`);
  if (view.type === "modal") {
    checkText(problems, "view.title", view.title, 24, "plain_text");
    if (view.submit !== undefined) checkText(problems, "view.submit", view.submit, 24, "plain_text");
    if (view.close !== undefined) checkText(problems, "view.close", view.close, 24, "plain_text");
  }
  if (typeof view.private_metadata === "string" && characterCount(view.private_metadata) > 3000) {
    problems.push("private_metadata over 3000 characters");
  }
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) problems.push("callback_id over 255");
  return problems;
}
