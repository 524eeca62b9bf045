// What the local console keeps across restarts, in its own database beside the
// app's data: its clock, and the channels made in it. Without them a restart put
// the clock back to the real date (held meetings showed as upcoming, reminders went
// out again) and boards whose channels were made here lost their channel.
import { z } from "zod";
import type { Db } from "../db/client";
import type { LocalChannel } from "../local-slack/server";

const CLOCK_KEY = "clock";
const CHANNELS_KEY = "channels";

const ClockSchema = z.object({ at: z.string().datetime() });
const ChannelsSchema = z.array(
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    isPrivate: z.boolean().optional(),
    members: z.array(z.string()),
  }),
);

export interface KeptState {
  /** Where the clock was left; undefined the first time (or if what was kept cannot be read). */
  clockAt: Date | undefined;
  channels: LocalChannel[];
}

/** What was kept; a value that does not read (edited by hand, say) counts as not kept rather than stopping the console. */
export async function readKeptState(db: Db): Promise<KeptState> {
  const rows = await db.consoleState.findMany({ where: { key: { in: [CLOCK_KEY, CHANNELS_KEY] } } });
  const valueOf = (key: string) => rows.find((r) => r.key === key)?.value;
  const clock = ClockSchema.safeParse(valueOf(CLOCK_KEY));
  const channels = ChannelsSchema.safeParse(valueOf(CHANNELS_KEY));
  return {
    clockAt: clock.success ? new Date(clock.data.at) : undefined,
    channels: channels.success
      ? channels.data.map((c) => ({
          id: c.id,
          name: c.name,
          members: c.members,
          ...(c.isPrivate !== undefined ? { isPrivate: c.isPrivate } : {}),
        }))
      : [],
  };
}

export async function keepClock(db: Db, at: Date): Promise<void> {
  const value = { at: at.toISOString() };
  await db.consoleState.upsert({ where: { key: CLOCK_KEY }, create: { key: CLOCK_KEY, value }, update: { value } });
}

/** All the channels made in the console so far, with their members: each save replaces the last. */
export async function keepChannels(db: Db, channels: readonly LocalChannel[]): Promise<void> {
  const value = channels.map((c) => ({
    id: c.id,
    name: c.name,
    members: c.members ?? [],
    ...(c.isPrivate !== undefined ? { isPrivate: c.isPrivate } : {}),
  }));
  await db.consoleState.upsert({
    where: { key: CHANNELS_KEY },
    create: { key: CHANNELS_KEY, value },
    update: { value },
  });
}
