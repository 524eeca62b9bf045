import { loadConfig } from "../../../src/config";
import { clientAddressOf } from "../../../src/http/routes";

const request = (remoteAddress: string, forwarded?: string | string[]) => ({
  socket: { remoteAddress },
  headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
});

describe("the dashboard throttle's client address", () => {
  it("is the connection's without trusted proxies, whatever X-Forwarded-For claims", () => {
    expect(clientAddressOf(request("10.0.0.2", "203.0.113.9"), 0)).toBe("10.0.0.2");
  });

  it("is what the outermost trusted proxy saw, never what the client wrote before it", () => {
    // The client wrote 1.2.3.4 itself; the one proxy appended the address it saw.
    expect(clientAddressOf(request("10.0.0.2", "1.2.3.4, 203.0.113.9"), 1)).toBe("203.0.113.9");
    // Two proxies: the outer saw 203.0.113.9, the inner saw the outer (10.0.0.7).
    expect(clientAddressOf(request("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.7"), 2)).toBe("203.0.113.9");
    expect(clientAddressOf(request("10.0.0.2", ["1.2.3.4", "203.0.113.9"]), 1)).toBe("203.0.113.9");
  });

  it("falls back to the connection when the header is missing or shorter than the proxies", () => {
    expect(clientAddressOf(request("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddressOf(request("10.0.0.2", "203.0.113.9"), 2)).toBe("10.0.0.2");
  });

  it("is set by TRUST_PROXY_HOPS, 0 to 5, and a bad value is named", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef" };
    expect(loadConfig(env).trustProxyHops).toBe(0);
    expect(loadConfig({ ...env, TRUST_PROXY_HOPS: "2" }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ ...env, TRUST_PROXY_HOPS: "9" })).toThrow(/TRUST_PROXY_HOPS is "9"/);
  });
});
