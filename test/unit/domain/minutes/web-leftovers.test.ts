// What a web page leaves in minutes (links, buttons, its title, cookie banners,
// navigation) is taken out of what the digest shows; minutes' own words stay.
import { withoutWebLeftovers } from "../../../../src/domain/minutes/web-leftovers";

describe("withoutWebLeftovers", () => {
  const removed: Array<[string, string]> = [
    ["a link after a place", "Committee Room 1, City Hall View directions"],
    ["a link on its own", "View directions"],
    ["the page's title", "Agenda and minutes"],
    ["a page title with reports", "Agenda, reports and minutes"],
    ["skip link", "Skip to main content"],
    ["print link", "Print this page"],
    ["back to top", "Back to top"],
    [
      "a cookie banner",
      "We use some essential cookies to make this website work. Accept additional cookies Reject additional cookies View cookies",
    ],
    ["a cookie button", "Accept all cookies"],
    ["cookie settings", "Cookie settings"],
    ["a feedback prompt", "Is this page useful? Yes No"],
    ["a JavaScript notice", "Please enable JavaScript to use this site."],
    ["a share link", "Share on Twitter"],
    ["a bullet alone", " • "],
    ["a new-window note alone", "(opens in new window)"],
  ];
  it.each(removed)("removes %s", (_label, text) => {
    expect(withoutWebLeftovers(text)).toBe(text.includes("City Hall") ? "Committee Room 1, City Hall" : "");
  });

  const kept: Array<[string, string, string]> = [
    [
      "a title after the page's",
      "Agenda and minutes - Cabinet - Tuesday, 5th March, 2024, 10.00 am",
      "Cabinet - Tuesday, 5th March, 2024, 10.00 am",
    ],
    ["a heading after a dash", "– Year-end accounts 2023/24", "Year-end accounts 2023/24"],
    ["a link note inside a sentence", "The report (opens in new window) was noted.", "The report was noted."],
    [
      "a decision about cookies",
      "The Board agreed to review the website's cookie policy.",
      "The Board agreed to review the website's cookie policy.",
    ],
    [
      "minutes that mention minutes",
      "Minutes of the meeting held on 8 July 2024",
      "Minutes of the meeting held on 8 July 2024",
    ],
    ["a heading about printing", "Printing contract renewal", "Printing contract renewal"],
    ["an item about a register", "Register of members' interests", "Register of members' interests"],
    [
      "a heading about directions of travel",
      "Directions of travel for the estates strategy",
      "Directions of travel for the estates strategy",
    ],
    ["extra spaces", "  Welcome   and apologies  ", "Welcome and apologies"],
  ];
  it.each(kept)("keeps %s", (_label, text, expected) => {
    expect(withoutWebLeftovers(text)).toBe(expected);
  });
});
