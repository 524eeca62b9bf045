import { readFileSync } from "node:fs";
import path from "node:path";
import { readDocument } from "../../../src/minutes/read-document";

const corpus = path.join(__dirname, "..", "..", "fixtures", "minutes", "corpus");
const read = (name: string) => readDocument({ bytes: readFileSync(path.join(corpus, name)), fileName: name });

describe("readDocument", () => {
  it("reads a PDF's pages, in order, separated by form feeds", async () => {
    const text = await read("14_lowfield-ca-scrutiny-2024-09.pdf");
    expect(text).toContain("Overview and Scrutiny Committee");
    expect(text.split("\f")).toHaveLength(2);
  });

  it("reads a Word document's paragraphs and keeps its action table's columns", async () => {
    const text = await read("13_ridgeway-homes-board-2024-04.docx");
    const rows = text.split("\n").filter((l) => l.includes("\t"));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]!.split("\t").map((c) => c.trim().toLowerCase())).toEqual(
      expect.arrayContaining(["action", "owner"]),
    );
  });
});
