// The Block Kit validator behind the fake Slack: each limit is tested on both sides,
// so a check that silently stopped firing (or started firing early) fails here.
import { validateBlocks, validateMessage, validateView } from "../../src/local-slack/block-kit";

type Json = Record<string, unknown>;

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text: string, blockId?: string): Json => ({
  type: "section",
  text: mrkdwn(text),
  ...(blockId ? { block_id: blockId } : {}),
});
const sections = (count: number) => Array.from({ length: count }, (_, i) => section(`Item ${i + 1}`));
const header = (text: string) => ({ type: "header", text: plain(text) });
const buttons = (...labels: string[]) => ({
  type: "actions",
  elements: labels.map((label, i) => ({
    type: "button",
    text: plain(label),
    action_id: `button_${i}`,
    value: String(i),
  })),
});
const message = (blocks: unknown[]) => ({ text: "Fallback", blocks });
const modal = (overrides: Json = {}) => ({
  type: "modal",
  title: plain("Add an action"),
  blocks: [section("Hello")],
  ...overrides,
});

describe("validateMessage", () => {
  it("accepts a message using every common block", () => {
    const problems = validateMessage({
      text: "LCRB-12 logged for Fri 4 Dec 2026",
      blocks: [
        header("Action logged"),
        {
          type: "section",
          block_id: "summary",
          text: mrkdwn("*LCRB-12* Review the risk register"),
          accessory: { type: "button", text: plain("Open"), action_id: "open", value: "LCRB-12" },
        },
        {
          type: "section",
          block_id: "fields",
          fields: [mrkdwn("*Owner*\n<@U0OWNER>"), mrkdwn("*Due*\nFri 4 Dec 2026")],
        },
        { type: "divider" },
        { type: "context", elements: [mrkdwn("Logged by <@U0SECRETARY>")] },
        buttons("Done", "Change due date"),
      ],
    });
    expect(problems).toEqual([]);
  });

  it("accepts a plain text message with no blocks", () => {
    expect(validateMessage({ text: "Hello" })).toEqual([]);
  });

  it.each<[label: string, text: unknown]>([
    ["missing", undefined],
    ["empty", ""],
    ["whitespace only", "  \n\t "],
    ["not a string", 42],
  ])("reports a text fallback that is %s", (_label, text) => {
    expect(validateMessage({ text, blocks: [section("Hello")] })).toEqual(["message has no plain text fallback"]);
  });

  it("accepts 50 blocks and reports 51", () => {
    expect(validateMessage(message(sections(50)))).toEqual([]);
    expect(validateMessage(message(sections(51)))).toEqual([
      expect.stringMatching(/^51 blocks, limit 50 for a message$/),
    ]);
  });

  it("reports blocks that are not an array", () => {
    expect(validateMessage({ text: "Hello", blocks: { type: "section" } })).toEqual(["blocks is not an array"]);
  });
});

describe("validateBlocks", () => {
  it.each(["modal", "home"] as const)("accepts 100 blocks in a %s and reports 101", (surface) => {
    expect(validateBlocks(sections(100), surface)).toEqual([]);
    expect(validateBlocks(sections(101), surface)).toEqual([`101 blocks, limit 100 for a ${surface}`]);
  });

  it("reports a header over 150 characters", () => {
    expect(validateBlocks([header("h".repeat(150))], "message")).toEqual([]);
    expect(validateBlocks([header("h".repeat(151))], "message")).toEqual([
      expect.stringMatching(/^blocks\[0\]\.text: text is 151 characters, limit 150$/),
    ]);
  });

  it("reports a header in mrkdwn", () => {
    const problems = validateBlocks([{ type: "header", text: mrkdwn("Title") }], "message");
    expect(problems).toEqual([expect.stringMatching(/blocks\[0\]\.text: must be plain_text/)]);
  });

  it("accepts section text of exactly 3000 characters and reports 3001", () => {
    expect(validateBlocks([section("s".repeat(3000))], "message")).toEqual([]);
    expect(validateBlocks([section("s".repeat(3001))], "message")).toEqual([
      expect.stringMatching(/^blocks\[0\]\.text: text is 3001 characters, limit 3000$/),
    ]);
  });

  it("counts characters as Slack does, an emoji as one, so 3000 emoji fit where 3000 UTF-16 units would not", () => {
    // "🟢" is two UTF-16 units: 2999 letters and one emoji are 3001 units but 3000 characters.
    expect(validateBlocks([section(`${"s".repeat(2999)}🟢`)], "message")).toEqual([]);
    expect(validateBlocks([section("🟢".repeat(3000))], "message")).toEqual([]);
    expect(validateBlocks([section("🟢".repeat(3001))], "message")).toEqual([
      expect.stringMatching(/text is 3001 characters, limit 3000/),
    ]);
  });

  it("reports half an emoji (a lone surrogate), as text cut by UTF-16 units leaves it, wherever it is", () => {
    const cut = `${"s".repeat(2999)}🟢`.slice(0, 3000);
    expect(cut).toHaveLength(3000);
    expect(validateBlocks([section(cut)], "message")).toEqual([
      expect.stringMatching(/^blocks\[0\]\.text: invalid text/),
    ]);
    expect(validateBlocks([header("\uDFE2 trailing half")], "message")).toEqual([
      expect.stringMatching(/invalid text/),
    ]);
    expect(validateMessage({ text: `Due soon ${"🟢".slice(0, 1)}` })).toEqual([
      expect.stringMatching(/^text: invalid text/),
    ]);
    expect(validateMessage({ text: "Due soon 🟢" })).toEqual([]);
  });

  it("reports a section with neither text nor fields", () => {
    expect(validateBlocks([{ type: "section" }], "message")).toEqual([
      expect.stringMatching(/section needs text or fields/),
    ]);
  });

  it("accepts button text of 75 characters and reports 76", () => {
    expect(validateBlocks([buttons("b".repeat(75))], "message")).toEqual([]);
    expect(validateBlocks([buttons("Fine", "b".repeat(76))], "message")).toEqual([
      expect.stringMatching(/^blocks\[0\]\.elements\[1\]\.text: text is 76 characters, limit 75$/),
    ]);
  });

  it("reports a button accessory over 75 characters", () => {
    const block = {
      ...section("Hello"),
      accessory: { type: "button", text: plain("b".repeat(76)), action_id: "open" },
    };
    expect(validateBlocks([block], "message")).toEqual([
      expect.stringMatching(/^blocks\[0\]\.accessory\.text: .*limit 75$/),
    ]);
  });

  it("reports a duplicate block_id and names it", () => {
    expect(validateBlocks([section("One", "summary"), section("Two", "detail")], "message")).toEqual([]);
    expect(
      validateBlocks([section("One", "summary"), section("Two", "detail"), section("Three", "summary")], "message"),
    ).toEqual(["blocks[2]: duplicate block_id summary"]);
  });

  it("reports an unknown block type", () => {
    expect(validateBlocks([section("Hello"), { type: "banner" }], "message")).toEqual([
      "blocks[1]: unknown block type banner",
    ]);
  });

  it("has nothing to say about absent blocks", () => {
    expect(validateBlocks(undefined, "modal")).toEqual([]);
  });
});

describe("validateView", () => {
  it("accepts a valid modal and a valid home view", () => {
    expect(validateView(modal({ submit: plain("Save"), close: plain("Cancel"), callback_id: "action_add" }))).toEqual(
      [],
    );
    expect(validateView({ type: "home", blocks: [header("Your actions"), section("Nothing due")] })).toEqual([]);
  });

  it.each<[label: string, view: unknown]>([
    ["undefined", undefined],
    ["null", null],
    ["an array", []],
  ])("reports a view that is %s as missing", (_label, view) => {
    expect(validateView(view)).toEqual(["view is missing"]);
  });

  it("accepts a modal title of 24 characters and reports 25", () => {
    expect(validateView(modal({ title: plain("t".repeat(24)) }))).toEqual([]);
    expect(validateView(modal({ title: plain("t".repeat(25)) }))).toEqual([
      expect.stringMatching(/^view\.title: text is 25 characters, limit 24$/),
    ]);
  });

  it("reports a modal without a title", () => {
    expect(validateView({ type: "modal", blocks: [] })).toEqual(["view.title: text object missing"]);
  });

  it("reports a submit label over 24 characters", () => {
    expect(validateView(modal({ submit: plain("s".repeat(25)) }))).toEqual([
      expect.stringMatching(/^view\.submit: .*limit 24$/),
    ]);
  });

  it("accepts private_metadata of 3000 characters and reports 3001", () => {
    expect(validateView(modal({ private_metadata: "m".repeat(3000) }))).toEqual([]);
    expect(validateView(modal({ private_metadata: "m".repeat(3001) }))).toEqual([
      "private_metadata over 3000 characters",
    ]);
  });

  it("applies the 100-block limit to views by their type", () => {
    expect(validateView({ type: "home", blocks: sections(101) })).toEqual(["101 blocks, limit 100 for a home"]);
    expect(validateView(modal({ blocks: sections(101) }))).toEqual(["101 blocks, limit 100 for a modal"]);
    expect(validateView(modal({ blocks: sections(100) }))).toEqual([]);
  });

  it("reports an unknown view type", () => {
    expect(validateView({ type: "workflow_step", blocks: [] })).toEqual(["view type workflow_step"]);
  });
});
