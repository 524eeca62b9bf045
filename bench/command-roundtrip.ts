// Slash-command round trip: a signed /action request into the real app until Slack
// would see the acknowledgement. The app runs in its own process, as deployed
// (`node dist/src/main.js`, web and worker roles); this process plays Slack: it
// signs and sends the requests and serves the fake Web API the app answers through.
// Baseline, against the same server in the same run: GET /healthz, which does no work.
import { createDb } from "../src/db/client";
import { ensureWorkspace } from "../src/domain/workspaces/ensure-workspace";
import { createTestDatabase, prepareTemplate } from "../test/support/database";
import { LocalSlack } from "../src/local-slack/server";
import { deleteRedisKeys, testRedisPrefix } from "../test/support/redis";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testAppEnv } from "../test/support/test-app";
import { SlackRequests } from "../src/local-slack/requests";
import { isBusy, startApp } from "./load-harness";
import { formatRow, runConcurrently, summarise } from "./stats";

const IN_FLIGHT = 50;
const ROUNDS = 40;
const SUSTAINED = 2000;
const TARGET_P99_MS = 100;

/** `rounds` bursts of `size` requests sent together; the next burst goes once the last is answered. */
async function bursts(
  rounds: number,
  size: number,
  send: (i: number) => Promise<void>,
  settled: (i: number) => Promise<void>,
) {
  const samples: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const ids = Array.from({ length: size }, (_, k) => round * size + k);
    await Promise.all(
      ids.map(async (i) => {
        const t0 = performance.now();
        await send(i);
        samples.push(performance.now() - t0);
      }),
    );
    await settled((round + 1) * size);
  }
  return { samples, wallMs: performance.now() - started };
}

export async function benchCommandRoundTrip(): Promise<boolean> {
  await prepareTemplate();
  const fake = await LocalSlack.start({ botToken: TEST_BOT_TOKEN });
  // Slack's rate limits are off: this measures Minutebook, and bulk sends would be refused as Slack would refuse them.
  fake.rateLimits = "off";
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const db = createDb({ databaseUrl: database.url, poolSize: 2 });
  // LOG_LEVEL info (the default here): the port is read from the "Minutebook started" line.
  const app = await startApp("all", testAppEnv({ fake, databaseUrl: database.url, prefix }));
  try {
    const { id: workspaceId } = await ensureWorkspace({ db, slackTeamId: fake.teamId, timeZone: "Europe/London" });
    await db.board.create({
      data: { workspaceId, code: "LCRB", name: "London Crime Reduction Board", slackChannelId: "C0LCRB" },
    });
    const slack = new SlackRequests({ appUrl: app.url, signingSecret: TEST_SIGNING_SECRET, fake });

    // A command refused as busy is told so in its acknowledgement and gets no later reply.
    let refused = 0;
    const replies = () => fake.callsTo("response_url").length + refused;
    let expectedReplies = 0;
    const settled = async (count: number) => {
      const target = expectedReplies + count;
      const deadline = Date.now() + 120_000;
      while (replies() < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };
    const health = async () => void (await (await fetch(`${app.url}/healthz`)).arrayBuffer());
    const command = (text: string) => async (i: number) => {
      const sent = await slack.command("/action", text.replace("{i}", String(i)), {
        userId: `U0BENCH${i % 20}`,
        channelId: "C0LCRB",
      });
      if (sent.status !== 200) throw new Error(`command answered ${sent.status}`);
      if (isBusy(sent.json)) refused += 1;
    };

    // Warm up: connections, JIT, the Prisma client, the workspace cache.
    await runConcurrently(200, IN_FLIGHT, health);
    await bursts(4, IN_FLIGHT, command("add Warm-up action {i} by end of June"), settled);
    expectedReplies = replies();

    const baseline = await bursts(ROUNDS, IN_FLIGHT, health, async () => undefined);
    const add = await bursts(
      ROUNDS,
      IN_FLIGHT,
      command("add Bench action {i} <@U0OWNER> by end of June #LCRB"),
      async (n) => settled(n),
    );
    expectedReplies = replies();
    const list = await bursts(ROUNDS, IN_FLIGHT, command("list overdue"), async (n) => settled(n));
    expectedReplies = replies();
    // Sustained: always 50 in flight, far beyond any real workspace; the work behind
    // the acknowledgements queues up, and what the app accepts must all still be done,
    // without errors (past its cap it refuses as busy, telling the person).
    const sustained = await runConcurrently(SUSTAINED, IN_FLIGHT, command("add Sustained action {i} by Friday #LCRB"));
    const drainStarted = performance.now();
    await settled(SUSTAINED);
    const drainMs = performance.now() - drainStarted;

    const b = summarise(baseline.samples);
    const a = summarise(add.samples);
    const l = summarise(list.samples);
    const s = summarise(sustained.samples);
    const failures = fake.callsTo("response_url").filter((c) => /went wrong/.test(String(c.args.text))).length;
    const actions = await db.action.count({ where: { workspaceId } });
    const expectedActions = 4 * IN_FLIGHT + ROUNDS * IN_FLIGHT + SUSTAINED;

    console.log(`\nSlash-command round trip (signed request in, ack out); app in its own process, web + worker roles`);
    console.log(`bursts: ${ROUNDS} rounds of ${IN_FLIGHT} requests sent together`);
    console.log(formatRow("baseline: GET /healthz", b, baseline.wallMs));
    console.log(formatRow("/action add", a, add.wallMs));
    console.log(formatRow("/action list overdue", l, list.wallMs));
    console.log(`ratio to baseline, p99: add ${(a.p99 / b.p99).toFixed(2)}x, list ${(l.p99 / b.p99).toFixed(2)}x`);
    console.log(`sustained: ${SUSTAINED} adds, always ${IN_FLIGHT} in flight`);
    console.log(formatRow("/action add (sustained)", s, sustained.wallMs));
    console.log(
      `  work behind the acks finished ${(drainMs / 1000).toFixed(1)} s after the last ack; ${((SUSTAINED / (sustained.wallMs + drainMs)) * 1000).toFixed(0)} actions/s end to end`,
    );
    console.log(
      `errors: ${failures} replies said something went wrong; ${refused} refused as busy (told to try again, nothing saved); actions saved ${actions} of ${expectedActions - refused} accepted`,
    );
    const ok =
      a.p99 < TARGET_P99_MS && l.p99 < TARGET_P99_MS && failures === 0 && actions === expectedActions - refused;
    console.log(`target p99 < ${TARGET_P99_MS} ms for bursts of ${IN_FLIGHT}, no errors: ${ok ? "met" : "NOT met"}`);
    return ok;
  } finally {
    await app.stop();
    await db.$disconnect();
    await fake.stop();
    await database.drop();
    await deleteRedisKeys(prefix);
  }
}
