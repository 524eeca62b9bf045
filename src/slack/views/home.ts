import type { HomeView } from "@slack/types";
import { SLASH_COMMANDS } from "../surface";
import { context, divider, header, section } from "./blocks";

/** The App Home shown before a person has any actions. */
export function welcomeHomeView(): HomeView {
  const commands = SLASH_COMMANDS.map((c) => `\`${c.command}\`  ${c.description}`).join("\n");
  return {
    type: "home",
    blocks: [
      header("Minutebook"),
      section(
        "Minutebook keeps your boards' action logs: every action agreed in a meeting, with owners and due dates, " +
          "reminders before they fall due and a digest of the minutes in the board's channel.",
      ),
      divider(),
      section(`*Commands*\n${commands}`),
      context("Type a command followed by help, such as `/action help`, for its full grammar."),
    ],
  };
}
