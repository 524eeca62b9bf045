// The console's numbered forms send what Slack would send, and its typing is
// escaped as Slack escapes a command's text.
import { ConsoleForm } from "../../src/console/form";
import { databaseUrlOf, wantsConsole } from "../../src/console/console-mode";
import { ConsoleWorkspace } from "../../src/console/people";
import { LocalSlack } from "../../src/local-slack/server";

const option = (text: string, value: string) => ({ text: { type: "plain_text", text }, value });

const VIEW = {
  type: "modal",
  callback_id: "test_form",
  title: { type: "plain_text", text: "New action" },
  submit: { type: "plain_text", text: "Log action" },
  blocks: [
    { type: "section", text: { type: "mrkdwn", text: "Say what was agreed." } },
    {
      type: "input",
      block_id: "text",
      label: { type: "plain_text", text: "Action" },
      element: { type: "plain_text_input", action_id: "value", multiline: true },
    },
    {
      type: "input",
      block_id: "owners",
      optional: true,
      label: { type: "plain_text", text: "Owners" },
      element: { type: "multi_users_select", action_id: "value" },
    },
    {
      type: "input",
      block_id: "due",
      optional: true,
      label: { type: "plain_text", text: "Due" },
      element: { type: "datepicker", action_id: "value", initial_date: "2026-12-01" },
    },
    {
      type: "input",
      block_id: "board",
      optional: true,
      label: { type: "plain_text", text: "Board" },
      element: { type: "static_select", action_id: "value", options: [option("LCRB", "b1"), option("OSB", "b2")] },
    },
    {
      type: "input",
      block_id: "keep",
      optional: true,
      label: { type: "plain_text", text: "Keep" },
      element: {
        type: "checkboxes",
        action_id: "value",
        options: [option("Track it", "yes")],
        initial_options: [option("Track it", "yes")],
      },
    },
  ],
};

const people: Record<string, string> = { "@jo": "U0JO", "@ravi": "U0RAVI" };
const lookup = (name: string) => people[name];

describe("ConsoleForm", () => {
  it("numbers the inputs and starts from their initial values, as Slack would send them untouched", () => {
    const form = new ConsoleForm("V1", VIEW);
    expect(form.fields.map((f) => `${f.number} ${f.label}`)).toEqual([
      "1 Action",
      "2 Owners",
      "3 Due",
      "4 Board",
      "5 Keep",
    ]);
    expect(form.stateValues()).toEqual({
      text: { value: { type: "plain_text_input", value: null } },
      owners: { value: { type: "multi_users_select", selected_users: [] } },
      due: { value: { type: "datepicker", selected_date: "2026-12-01" } },
      board: { value: { type: "static_select", selected_option: null } },
      keep: { value: { type: "checkboxes", selected_options: [option("Track it", "yes")] } },
    });
    expect(form.missing().map((f) => f.label)).toEqual(["Action"]);
  });

  it("fills each kind of field from what is typed", () => {
    const form = new ConsoleForm("V1", VIEW);
    expect(form.set(1, "Draft the terms", lookup)).toEqual({});
    expect(form.set(2, "@jo @ravi", lookup)).toEqual({});
    expect(form.set(3, "none", lookup)).toEqual({});
    expect(form.set(4, "2", lookup)).toEqual({});
    expect(form.set(5, "none", lookup)).toEqual({});
    expect(form.stateValues()).toEqual({
      text: { value: { type: "plain_text_input", value: "Draft the terms" } },
      owners: { value: { type: "multi_users_select", selected_users: ["U0JO", "U0RAVI"] } },
      due: { value: { type: "datepicker", selected_date: null } },
      board: { value: { type: "static_select", selected_option: option("OSB", "b2") } },
      keep: { value: { type: "checkboxes", selected_options: [] } },
    });
    expect(form.missing()).toEqual([]);
    // A choice can also be typed by its words.
    form.set(4, "lcrb", lookup);
    expect(form.stateValues().board).toEqual({
      value: { type: "static_select", selected_option: option("LCRB", "b1") },
    });
  });

  it("refuses what does not fit a field, says what would, and changes nothing", () => {
    const form = new ConsoleForm("V1", VIEW);
    const before = JSON.stringify(form.stateValues());
    expect(form.set(3, "1/12/2026", lookup).problem).toBe(
      'Field 3 is a date: type it as YYYY-MM-DD, such as 2026-12-01 (or "none").',
    );
    expect(form.set(4, "9", lookup).problem).toBe("Field 4 is a choice: type the number of one of 1 LCRB, 2 OSB.");
    expect(form.set(2, "@nobody", lookup).problem).toBe(
      'No one here is called @nobody: type people as @name (":people" lists them).',
    );
    expect(form.set(5, "3", lookup).problem).toMatch(/^Field 5 is a set of boxes: type the numbers to tick/);
    expect(form.set(9, "x", lookup).problem).toBe("There is no field 9: this form has fields 1 to 5.");
    expect(JSON.stringify(form.stateValues())).toBe(before);
  });

  it("asks for lines when a several-line field is named alone, and keeps values across an update", () => {
    const form = new ConsoleForm("V1", VIEW);
    expect(form.set(1, "", lookup)).toEqual({ wantsLines: true });
    form.set(1, "Line one\nLine two", lookup);
    const updated = new ConsoleForm("V2", VIEW, form.keptValues());
    expect(updated.stateValues().text).toEqual({ value: { type: "plain_text_input", value: "Line one\nLine two" } });
    expect(updated.render({}, (id) => id)).toContain("1) Action: Line one … (2 lines)");
  });

  it("shows errors Slack would show under their fields", () => {
    const form = new ConsoleForm("V1", VIEW);
    form.errors = { due: "That date has passed." };
    expect(form.render({}, (id) => id)).toMatch(/3\) Due \(optional\): 2026-12-01\n +↳ That date has passed\./);
  });
});

describe("ConsoleWorkspace.escape", () => {
  let slack: LocalSlack;
  afterEach(async () => slack?.stop());

  it("turns known @people and #channels into Slack's escaped mentions and leaves the rest as typed", async () => {
    slack = await LocalSlack.start({ botToken: "xoxb-local-test" });
    const workspace = new ConsoleWorkspace(slack);
    expect(workspace.escape("Draft the terms @jo and @nobody by Friday #rcrb #LCRB")).toBe(
      "Draft the terms <@U0JO|jo> and @nobody by Friday <#C0RCRB|rcrb> #LCRB",
    );
    expect(workspace.escape("email jo@example.org")).toBe("email jo@example.org");
  });
});

describe("console mode", () => {
  it("runs the console only outside production and only with no Slack credentials at all", () => {
    expect(wantsConsole({})).toBe(true);
    expect(wantsConsole({ NODE_ENV: "production" })).toBe(false);
    expect(wantsConsole({ SLACK_BOT_TOKEN: "xoxb-1" })).toBe(false);
    expect(wantsConsole({ SLACK_APP_TOKEN: "xapp-1" })).toBe(false);
  });

  it("gives the scripts the database npm start would use", () => {
    expect(databaseUrlOf({})).toMatch(/\/minutebook_console$/);
    expect(databaseUrlOf({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "x" })).toMatch(/\/minutebook$/);
    expect(databaseUrlOf({ DATABASE_URL: "postgresql://db.example:5432/boards" })).toMatch(/db\.example:5432\/boards$/);
  });
});
