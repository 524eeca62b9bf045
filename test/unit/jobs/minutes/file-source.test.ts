import {
  checkFileAddress,
  fileSourcesFor,
  isPublicAddress,
  SLACK_FILE_ORIGIN,
} from "../../../../jobs/minutes/file-source";

describe("where a minutes file may be downloaded from", () => {
  const slack = fileSourcesFor("https://slack.com/api/");
  const standIn = fileSourcesFor("http://127.0.0.1:53211/api/");

  it("is Slack's file host over HTTPS, and the configured Web API's own origin", () => {
    expect(slack).toEqual([
      { origin: SLACK_FILE_ORIGIN, isPublicOnly: true },
      { origin: "https://slack.com", isPublicOnly: false },
    ]);
    expect(standIn).toEqual([
      { origin: SLACK_FILE_ORIGIN, isPublicOnly: true },
      { origin: "http://127.0.0.1:53211", isPublicOnly: false },
    ]);
  });

  it.each([
    ["https://files.slack.com/files-pri/T0-F0/minutes.pdf", slack, SLACK_FILE_ORIGIN],
    ["https://FILES.slack.com:443/files-pri/T0-F0/download/minutes.pdf", slack, SLACK_FILE_ORIGIN],
    ["https://slack.com/files-pri/T0-F0/minutes.pdf", slack, "https://slack.com"],
    ["http://127.0.0.1:53211/files-pri/T0-F0/minutes.pdf", standIn, "http://127.0.0.1:53211"],
    ["http://127.0.0.1:53211/files/F0/minutes.pdf", standIn, "http://127.0.0.1:53211"],
  ])("allows %s", (address, sources, origin) => {
    expect(checkFileAddress(address, sources)).toMatchObject({ ok: true, source: { origin } });
  });

  it.each([
    ["http://files.slack.com/files-pri/T0-F0/minutes.pdf", slack, "http://files.slack.com"],
    ["https://files.slack.com:8443/files-pri/T0-F0/minutes.pdf", slack, "https://files.slack.com:8443"],
    ["https://files.slack.com.example.net/x", slack, "https://files.slack.com.example.net"],
    ["https://evil.example/files.slack.com/x", slack, "https://evil.example"],
    ["https://user:pass@files.slack.com/x", slack, "https://files.slack.com with a user name in it"],
    ["http://127.0.0.1:6379/", standIn, "http://127.0.0.1:6379"],
    ["http://localhost:53211/files-pri/T0-F0/x", standIn, "http://localhost:53211"],
    ["http://169.254.169.254/latest/meta-data/", slack, "http://169.254.169.254"],
    ["http://127.0.0.1:53211/x", slack, "http://127.0.0.1:53211"],
    ["file:///etc/passwd", slack, "a file: address"],
    ["gopher://files.slack.com/x", slack, "a gopher: address"],
    ["not a url", slack, "an address that is not a web address"],
  ])("refuses %s", (address, sources, reason) => {
    expect(checkFileAddress(address, sources)).toEqual({ ok: false, reason });
  });

  it.each([
    ["8.8.8.8", true],
    ["2a00:1450:4009:81f::200e", true],
    ["::ffff:8.8.8.8", true],
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["::1", false],
    ["::", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["64:ff9b::a9fe:a9fe", false],
    ["::127.0.0.1", false],
    ["::ffff:0:7f00:1", false],
    ["64:ff9b:1::a", false],
    ["2002:7f00:1::1", false],
    ["fec0::1", false],
    ["2606:4700::1111", true],
    ["files.slack.com", false],
  ])("judges %s public: %s", (address, isPublic) => {
    expect(isPublicAddress(address)).toBe(isPublic);
  });
});
