import { distinctOwners, isListSeparator, isOwnerKeyword, separateOwnerKeywords, splitBodyNames } from "./owners";
import { EXAMPLES, emptyOwnerProblem, problem, quote, userGroupProblem } from "./problems";
import { countCharacters, joinTokens, wordOf, type Token } from "./slack-text";
import type { OwnerRef, ParseActionCommandResult } from "./types";

/** `assign <REF> @user …` and/or `owner: <body>, …`; "to" after the reference is allowed ("assign LCRB-12 to @alex"). */
export function parseAssignCommand(reference: string, input: readonly Token[]): ParseActionCommandResult {
  const tokens = separateOwnerKeywords(input);
  const owners: OwnerRef[] = [];
  const stray: Token[] = [];
  let body: Token[] | undefined;
  const closeBody = (next: Token | undefined): ParseActionCommandResult | undefined => {
    if (!body) return undefined;
    const names = splitBodyNames(joinTokens(body));
    body = undefined;
    if (names.length === 0 && next?.kind !== "user") return emptyOwnerProblem(EXAMPLES.assignToBody);
    owners.push(...names.map((bodyName) => ({ bodyName })));
    return undefined;
  };

  for (const [i, token] of tokens.entries()) {
    if (token.kind === "usergroup") return userGroupProblem(token.label, EXAMPLES.assign);
    if (token.kind === "user" || isOwnerKeyword(token)) {
      const failed = closeBody(token);
      if (failed) return failed;
      if (token.kind === "user") owners.push({ slackUserId: token.slackUserId });
      else body = [];
    } else if (body) {
      body.push(token);
    } else if (!(i === 0 && wordOf(token) === "to") && !isListSeparator(token)) {
      stray.push(token);
    }
  }
  const failed = closeBody(undefined);
  if (failed) return failed;

  if (stray.length > 0) {
    const who = joinTokens(stray);
    const examples =
      countCharacters(who) <= 60
        ? [`/action assign ${reference} owner: ${who}`, EXAMPLES.assign]
        : [EXAMPLES.assign, EXAMPLES.assignToBody];
    return problem(`I couldn't tell who ${quote(who)} is. Mention people, or name a body with owner:.`, examples);
  }
  if (owners.length === 0) {
    return problem(`Say who now owns ${reference}: mention people, or name a body with owner:.`, [
      `/action assign ${reference} @alex`,
      `/action assign ${reference} owner: London Councils`,
    ]);
  }
  return { ok: true, command: { kind: "assign", reference, owners: distinctOwners(owners) } };
}
