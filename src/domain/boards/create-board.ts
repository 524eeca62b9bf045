import { Prisma, type Db } from "../../db/client";
import { AppError } from "../../errors";

export const BOARD_CODE = /^[A-Z][A-Z0-9]{1,9}$/;
const MAX_BOARD_NAME_LENGTH = 120;

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
  if (!upper) throw new AppError({ code: "board_code_missing" });
  if (!BOARD_CODE.test(upper)) throw new AppError({ code: "board_code_invalid", written: code });
  if (!name.trim()) throw new AppError({ code: "board_name_missing", boardCode: upper });
  if (name.trim().length > MAX_BOARD_NAME_LENGTH)
    throw new AppError({ code: "board_name_too_long", maxLength: MAX_BOARD_NAME_LENGTH });
  if (await db.board.findFirst({ where: { workspaceId, code: upper }, select: { id: true } })) throw codeTaken(upper);
  const here = await db.board.findFirst({ where: { workspaceId, slackChannelId: channelId }, select: { code: true } });
  if (here) throw new AppError({ code: "channel_has_board", boardCode: here.code });
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
      if (sameChannel) throw new AppError({ code: "channel_has_board", boardCode: sameChannel.code });
      throw codeTaken(upper);
    }
    throw error;
  }
}

function codeTaken(code: string): AppError {
  return new AppError({ code: "board_code_taken", boardCode: code });
}
