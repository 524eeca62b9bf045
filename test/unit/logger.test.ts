import { Writable } from "node:stream";
import { createLogger } from "../../src/logger";

function logInto(options: { secrets?: string[]; scrubSlackTokens?: boolean }) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString("utf8"));
      callback();
    },
  });
  return { logger: createLogger({ level: "info", destination, ...options }), text: () => lines.join("") };
}

describe("the logger's last line of defence", () => {
  it("removes anything shaped like a Slack token from the written line, wherever it is, and leaves the rest", () => {
    const { logger, text } = logInto({ secrets: ["known-secret-value"], scrubSlackTokens: true });
    // An installation's token the logger was never told of, inside a message, a nested field and an error.
    logger.info(
      {
        detail: { note: "client made with xoxb-98765-43210-AbCdEfGhIjKl" },
        err: new Error("refused xoxp-1111-2222-3333-zzzz"),
      },
      "token xapp-1-A0B1C2-9999-abcdef in text, and known-secret-value",
    );
    const line = text();
    expect(line).not.toMatch(/xoxb-98765|xoxp-1111|xapp-1-A0B1|known-secret-value/);
    // Five: the error's message is in its stack too.
    expect(line.match(/\[redacted\]/g)).toHaveLength(5);
    expect(line).toContain("client made with [redacted]");
    // Words that merely start like one stay.
    logger.info({ word: "xox-nothing, xapp" }, "plain");
    expect(text()).toContain("xox-nothing, xapp");
  });

  it("leaves token-shaped text alone when not asked to (the log-safety test looks at what the code itself writes)", () => {
    const { logger, text } = logInto({});
    logger.info("xoxb-98765-43210-AbCdEfGhIjKl");
    expect(text()).toContain("xoxb-98765-43210-AbCdEfGhIjKl");
  });
});
