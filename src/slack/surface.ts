// What Minutebook exposes in Slack. manifest.yml declares the same surface; a test
// keeps the two in step, so a command added here and not there (or the reverse)
// fails the build instead of failing in a workspace.

export interface SlashCommand {
  command: string;
  description: string;
  usageHint: string;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  {
    command: "/action",
    description: "Log, list, update and close meeting actions",
    usageHint: "add <text> @owner by <date> #BOARD | list | show <REF> | done <REF> | help",
  },
  {
    command: "/meeting",
    description: "Schedule, move, cancel and list a board's meetings",
    usageHint:
      "schedule [#BOARD] <date and time> [at <place>] | next | list | move <date> to <date and time> | cancel <date>",
  },
  {
    command: "/minutes",
    description: "Import a meeting's minutes into actions and a digest",
    usageHint: "[#BOARD]",
  },
  {
    command: "/board",
    description: "Create a board for this channel or change its settings",
    usageHint: "create <CODE> <name> | settings | export [csv|json] [#BOARD]",
  },
];

export const MESSAGE_SHORTCUTS = [
  { callbackId: "log_as_action", name: "Log as action" },
  { callbackId: "import_minutes", name: "Import minutes" },
] as const;

/** Multi-workspace OAuth: the "Add to Slack" page and Slack's redirect back. */
export const INSTALL_PATH = "/slack/install";
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";

export const BOT_EVENTS = ["app_home_opened", "file_shared", "app_uninstalled", "tokens_revoked"] as const;

/** The bot scopes the product needs, and no more; each line says why. */
export const BOT_SCOPES: Readonly<Record<string, string>> = {
  commands: "slash commands and the Log as action shortcut",
  "chat:write": "DMs to owners, replies, reminders and digests",
  "chat:write.public": "digests and reminders in a board's public channel without inviting the bot",
  "users:read": "names and time zones of owners",
  "channels:read": "a public board channel's name and members",
  "groups:read": "a private board channel's name and members",
  "mpim:read":
    "telling a group DM from a channel, so no board is made in one (conversations.info needs it for a group DM)",
  "files:read": "minutes documents shared for import",
  "files:write": "the board's action log export",
  "im:write": "opening the DM a reminder goes to",
  "im:history": "checking a reminder DM was not already delivered before sending it again after a restart",
  "channels:history": "the same check for reminders in a board's public channel",
  "groups:history": "the same check for reminders in a board's private channel",
};

export const EVENTS_PATH = "/slack/events";
