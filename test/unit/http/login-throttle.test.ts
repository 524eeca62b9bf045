import { clientKey, createLoginThrottle } from "../../../src/http/login-throttle";

describe("createLoginThrottle", () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => void (now += ms) };
  };

  it("makes an address wait after five failures within a minute of its first, until that minute is over", () => {
    const time = clock();
    const throttle = createLoginThrottle({ now: time.now });
    for (let i = 0; i < 4; i++) throttle.failed("10.0.0.1");
    expect(throttle.waitSeconds("10.0.0.1")).toBe(0);
    time.advance(20_000);
    throttle.failed("10.0.0.1");
    expect(throttle.waitSeconds("10.0.0.1")).toBe(40);
    expect(throttle.waitSeconds("10.0.0.2")).toBe(0);
    time.advance(39_500);
    expect(throttle.waitSeconds("10.0.0.1")).toBe(1);
    time.advance(500);
    expect(throttle.waitSeconds("10.0.0.1")).toBe(0);
    // A new window: four more failures are allowed before waiting again.
    for (let i = 0; i < 4; i++) throttle.failed("10.0.0.1");
    expect(throttle.waitSeconds("10.0.0.1")).toBe(0);
  });

  it("counts failures spread over more than a minute in separate windows", () => {
    const time = clock();
    const throttle = createLoginThrottle({ now: time.now });
    for (let i = 0; i < 10; i++) {
      throttle.failed("10.0.0.1");
      time.advance(15_000);
    }
    expect(throttle.waitSeconds("10.0.0.1")).toBe(0);
  });

  it("counts an IPv4 address the same when mapped into IPv6, and an IPv6 address by its /64", () => {
    const throttle = createLoginThrottle({ now: clock().now });
    for (const address of ["127.0.0.9", "::ffff:127.0.0.9", "127.0.0.9", "::FFFF:127.0.0.9", "127.0.0.9"])
      throttle.failed(address);
    expect(throttle.waitSeconds("127.0.0.9")).toBeGreaterThan(0);
    for (const address of [
      "2001:db8:1:2::1",
      "2001:db8:1:2::2",
      "2001:0db8:0001:0002:ffff::3",
      "2001:db8:1:2:aaaa:bbbb:cccc:dddd",
      "2001:db8:1:2::5",
    ])
      throttle.failed(address);
    expect(throttle.waitSeconds("2001:db8:1:2::99")).toBeGreaterThan(0);
    expect(throttle.waitSeconds("2001:db8:1:3::1")).toBe(0);
  });

  it("remembers at most maxAddresses, forgetting the oldest first", () => {
    const throttle = createLoginThrottle({ now: clock().now, maxAddresses: 3 });
    for (let i = 0; i < 5; i++) throttle.failed("10.0.0.1");
    for (const address of ["10.0.0.2", "10.0.0.3", "10.0.0.4"]) throttle.failed(address);
    expect(throttle.waitSeconds("10.0.0.1")).toBe(0);
  });
});

describe("clientKey", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["::ffff:10.1.2.3", "10.1.2.3"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    [undefined, "unknown"],
  ])("counts %s as %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
