// A review opens within Slack's three seconds whatever users.list does: the people come
// if Slack answers in time, none if it is slow or refuses (the owners stay as written).
import type { WebClient } from "@slack/web-api";
import { workspacePeopleSoon } from "../../../src/slack/people";

let next = 0;
/** A client of a workspace of its own (the people are kept per API address and token). */
function clientAnswering(list: () => Promise<unknown>): WebClient {
  return { slackApiUrl: `http://slack.test/${++next}/`, token: "xoxb-test", users: { list } } as unknown as WebClient;
}

describe("workspacePeopleSoon", () => {
  it("gives the people when Slack answers in time", async () => {
    const client = clientAnswering(async () => ({
      members: [{ id: "U0JO", name: "jo", real_name: "Jo Reid", profile: { display_name: "jo" } }],
      response_metadata: { next_cursor: "" },
    }));
    expect(await workspacePeopleSoon(client, 1_000)).toEqual([
      { slackUserId: "U0JO", handle: "jo", names: ["Jo Reid", "jo"] },
    ]);
  });

  it("gives none, without waiting for it, when Slack is slow, and none when it refuses", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const slow = clientAnswering(() => new Promise((resolve) => (answer = resolve)));
    const started = Date.now();
    expect(await workspacePeopleSoon(slow, 50)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    answer({ members: [], response_metadata: { next_cursor: "" } });
    const refusing = clientAnswering(() => Promise.reject(new Error("ratelimited")));
    expect(await workspacePeopleSoon(refusing, 1_000)).toEqual([]);
  });
});
