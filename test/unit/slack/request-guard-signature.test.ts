import { createHmac } from "node:crypto";
import { checkSlackSignature, type SignatureProblem } from "../../../src/slack/request-guard-signature";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW_MS = 1_700_000_000_500;
const NOW = "1700000000";
const body = Buffer.from("command=%2Faction&text=help");
const sign = (timestamp: string, bytes: Buffer = body, secret = SECRET) =>
  `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(bytes).digest("hex")}`;

describe("checkSlackSignature", () => {
  it("takes a request Slack signed within five minutes either way", () => {
    for (const timestamp of [NOW, String(Number(NOW) - 300), String(Number(NOW) + 300)]) {
      expect(checkSlackSignature({ timestamp, signature: sign(timestamp), body }, SECRET, NOW_MS)).toBeUndefined();
    }
  });

  it.each<[string, string | string[] | undefined, string | string[] | undefined, SignatureProblem]>([
    ["no timestamp", undefined, sign(NOW), "missing timestamp"],
    ["an empty timestamp", "", sign(""), "missing timestamp"],
    ["Infinity", "Infinity", sign("Infinity"), "malformed timestamp"],
    ["a float", `${NOW}.5`, sign(`${NOW}.5`), "malformed timestamp"],
    ["an exponent", "1.7e9", sign("1.7e9"), "malformed timestamp"],
    ["a leading zero", `0${NOW}`, sign(`0${NOW}`), "malformed timestamp"],
    ["a negative number", `-${NOW}`, sign(`-${NOW}`), "malformed timestamp"],
    ["13 digits (milliseconds)", `${NOW}500`, sign(`${NOW}500`), "malformed timestamp"],
    ["a repeated header", [NOW, NOW], sign(NOW), "malformed timestamp"],
    ["301 seconds old", String(Number(NOW) - 301), sign(String(Number(NOW) - 301)), "stale timestamp"],
    ["301 seconds ahead", String(Number(NOW) + 301), sign(String(Number(NOW) + 301)), "stale timestamp"],
    ["no signature", NOW, undefined, "missing signature"],
    ["an empty signature", NOW, "", "missing signature"],
    ["a v1 signature", NOW, sign(NOW).replace("v0=", "v1="), "malformed signature"],
    ["upper-case hex", NOW, `v0=${sign(NOW).slice(3).toUpperCase()}`, "malformed signature"],
    ["a short signature", NOW, sign(NOW).slice(0, 60), "malformed signature"],
    ["a repeated signature header", NOW, [sign(NOW), sign(NOW)], "malformed signature"],
    ["another secret", NOW, sign(NOW, body, "another-secret-entirely-00000000"), "signature mismatch"],
    ["another body", NOW, sign(NOW, Buffer.from("command=%2Faction&text=list")), "signature mismatch"],
    ["another timestamp", NOW, sign(String(Number(NOW) - 1)), "signature mismatch"],
  ])("refuses %s", (_name, timestamp, signature, problem) => {
    expect(checkSlackSignature({ timestamp, signature, body }, SECRET, NOW_MS)).toBe(problem);
  });

  it("signs the bytes as they came, not a decoding of them", () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(
      checkSlackSignature({ timestamp: NOW, signature: sign(NOW, bytes), body: bytes }, SECRET, NOW_MS),
    ).toBeUndefined();
    expect(
      checkSlackSignature(
        { timestamp: NOW, signature: sign(NOW, Buffer.from(bytes.toString("utf8"))), body: bytes },
        SECRET,
        NOW_MS,
      ),
    ).toBe("signature mismatch");
  });
});
