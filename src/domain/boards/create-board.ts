import { Prisma, type Db } from "../../db/client";
import { AppError } from "../../errors";

export const BOARD_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/**
 * Makes a channel a board's channel; whoever creates it is its secretary until settings say
 * otherwise. `isPrivate` is asked (of Slack) only once the code, name and channel are known to
 * be good, so a mistyped command is answered as such whatever Slack would say of the channel.
 */
export async function createBoard(
  db: Db,
  {
    workspaceId,
    code,
    name,
    channelId,
    isPrivate: privacy,
    createdBySlackUserId,
    timeZone,
  }: {
    workspaceId: string;
    code: string;
    name: string;
    channelId: string;
    isPrivate: () => Promise<boolean>;
    createdBySlackUserId: string;
    timeZone: string;
  },
): Promise<{ id: string; code: string; name: string }> {
  const upper = code.toUpperCase();
  const example = "Try: `/board create LCRB London Crime Reduction Board`.";
  if (!upper)
    throw new AppError("board_code_missing", "Give the board a short code and a name. Nothing was created.", example);
  if (!BOARD_CODE.test(upper))
    throw new AppError(
      "board_code_invalid",
      `"${code}" can't be a board code: use 2 to 10 letters and digits, starting with a letter. Nothing was created.`,
      example,
    );
  if (!name.trim())
    throw new AppError("board_name_missing", `Give ${upper} a name after its code. Nothing was created.`, example);
  if (name.trim().length > 120)
    throw new AppError(
      "board_name_too_long",
      "A board's name can be at most 120 characters. Nothing was created.",
      example,
    );
  if (await db.board.findFirst({ where: { workspaceId, code: upper }, select: { id: true } })) throw codeTaken(upper);
  const here = await db.board.findFirst({ where: { workspaceId, slackChannelId: channelId }, select: { code: true } });
  if (here)
    throw new AppError(
      "channel_has_board",
      `This channel is already ${here.code}'s channel. Nothing was created.`,
      "Create the new board in its own channel; `/board` shows this one.",
    );
  const isPrivate = await privacy();
  try {
    return await db.board.create({
      data: {
        workspaceId,
        code: upper,
        name: name.trim(),
        slackChannelId: channelId,
        isPrivate,
        secretarySlackUserId: createdBySlackUserId,
        createdBySlackUserId,
        timeZone,
      },
      select: { id: true, code: true, name: true },
    });
  } catch (error) {
    // Someone else got there first (two people creating at once): say which of the two it was.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const sameChannel = await db.board.findFirst({
        where: { workspaceId, slackChannelId: channelId },
        select: { code: true },
      });
      if (sameChannel)
        throw new AppError(
          "channel_has_board",
          `This channel is already ${sameChannel.code}'s channel. Nothing was created.`,
          "Create the new board in its own channel; `/board` shows this one.",
        );
      throw codeTaken(upper);
    }
    throw error;
  }
}

function codeTaken(code: string): AppError {
  return new AppError(
    "board_code_taken",
    `There is already a board ${code} in this workspace. Nothing was created.`,
    `Pick another code; \`/board #${code}\` shows the board that has it.`,
  );
}
