// Words for problems with requests as such: commands that cannot be read, buttons out of
// date, more work than can be done soon.
import type { RequestProblem } from "../../../errors";
import { said, unreachable, type Words } from "./words";

const OUT_OF_DATE = "That button is out of date. Nothing was changed.";

export function requestWords(problem: RequestProblem): Words {
  switch (problem.code) {
    case "busy":
      return said(
        problem.backlog === "process"
          ? "Minutebook has more work waiting than it can finish in the next few seconds, so this was not done. Nothing was saved."
          : "Minutebook has more work waiting than it can do in the next half minute, so this was not done. Nothing was saved.",
        "Try again in a minute.",
      );
    case "bad_button":
      return badButtonWords(problem.button);
    case "no_trigger":
      return said("Slack did not send what is needed to open the form; try `/action add <text>` instead.");
    case "command_unreadable":
      return said(problem.explanation, `Try: ${problem.examples.map((e) => `\`${e}\``).join("  ·  ")}`);
    case "workspace_not_installed":
      return said(`Minutebook is not installed in workspace ${problem.workspaceId} any more.`);
    default:
      return unreachable(problem);
  }
}

function badButtonWords(button: Extract<RequestProblem, { code: "bad_button" }>["button"]): Words {
  switch (button) {
    case "undo":
      return said(OUT_OF_DATE);
    case "post_update":
      return said(OUT_OF_DATE, "`/action update LCRB-14 <one line>` posts an update instead.");
    case "list_page":
      return said("That button is out of date: run `/action list` again.");
    default:
      return unreachable(button);
  }
}
