// A PDF's text, read with unpdf (PDF.js) in a Node process of its own. PDF.js is slow and
// hungry on a large or crafted file (measured: a 9 MB PDF of 7,500 compressed pages took 42 s
// and 1.2 GB), and a file shared in Slack is anyone's. In another process the event loop that
// answers Slack and renews job locks stays free, and the reading is stopped at a time and a
// memory limit. Not a worker thread: a worker past its resourceLimits can still abort the
// whole process (nodejs/node#47224; a 9 MB PDF of one long line did so here, at a 64 MB limit).
// The process also runs plain Node, where unpdf's ES module loads; jest's module sandbox
// cannot import it without --experimental-vm-modules.
import { spawn } from "node:child_process";

export type PdfLimits = {
  /** The longest a PDF may take to read; minutes of a hundred pages take under a second. */
  timeLimitMs: number;
  /** The heap the reading process may use; reading 1,900 dense pages used 280 MB. */
  heapLimitMb: number;
};

export const PDF_LIMITS: PdfLimits = Object.freeze({ timeLimitMs: 20_000, heapLimitMb: 512 });

/** The text, pages separated by form feeds; or what was wrong with the file. */
export type PdfReading = { text: string } | { failure: "damaged" | "too_slow" | "too_large" };

/** The reading process's exit code for a file PDF.js could not read (sysexits' EX_DATAERR). */
const DAMAGED_EXIT_CODE = 65;
/** How much of the reading process's stderr is kept: the start, where V8 and Node say why it stopped. */
const STDERR_KEPT_CHARS = 4000;

// Given as a string (not a file) so the same code runs from the TypeScript source under ts-jest
// and from dist/. The PDF comes on stdin, the text goes to stdout; unpdf is required by the path
// the parent resolved, argv[1]. PDF.js is loaded before the file is opened, so a failure to load
// it is an error of ours (an uncaught rejection, exit code 1), not a damaged file.
const READER_CODE = `
const { extractText, getDocumentProxy, getResolvedPDFJS } = require(process.argv[1]);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  // PDF.js takes a Uint8Array, not a Buffer.
  return new Uint8Array(Buffer.concat(chunks));
}

async function readText(bytes) {
  // PDF.js warns on stderr about damaged files; a damaged file is reported to the person instead.
  const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join("\\n\\f");
  } finally {
    await pdf.destroy();
  }
}

Promise.all([getResolvedPDFJS(), readStdin()]).then(([, bytes]) =>
  readText(bytes).then(
    (text) => process.stdout.write(text),
    () => {
      process.exitCode = ${DAMAGED_EXIT_CODE};
    },
  ),
);
`;

/**
 * Reads a PDF in a new Node process, killed once past `limits`. Resolves with the text or the
 * file's failure; rejects only when the reading process itself fails (a fault of ours, worth
 * a retry).
 */
export function readPdf(bytes: Buffer, limits: PdfLimits = PDF_LIMITS): Promise<PdfReading> {
  return new Promise<PdfReading>((resolve, reject) => {
    const reader = spawn(
      process.execPath,
      [`--max-old-space-size=${limits.heapLimitMb}`, "-e", READER_CODE, require.resolve("unpdf")],
      // An empty environment: no NODE_OPTIONS from the parent (jest's, say), and none of its secrets.
      { env: {}, stdio: ["pipe", "pipe", "pipe"] },
    );
    const stdout: Buffer[] = [];
    let stderr = "";
    let isTooSlow = false;
    const timer = setTimeout(() => {
      isTooSlow = true;
      reader.kill("SIGKILL");
    }, limits.timeLimitMs);
    reader.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    reader.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT_CHARS) stderr = (stderr + chunk.toString("utf8")).slice(0, STDERR_KEPT_CHARS);
    });
    // A reader that stops before taking all its input breaks the pipe; how it stopped says why.
    reader.stdin.on("error", () => {});
    reader.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    reader.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      if (isTooSlow) return resolve({ failure: "too_slow" });
      try {
        resolve(readingOf({ exitCode, signal, stdout, stderr }));
      } catch (error) {
        reject(error);
      }
    });
    reader.stdin.end(bytes);
  });
}

/** What the reading process's end says: the text, the file's failure, or (thrown) a fault of ours. */
function readingOf({
  exitCode,
  signal,
  stdout,
  stderr,
}: {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer[];
  stderr: string;
}): PdfReading {
  if (exitCode === 0) return { text: Buffer.concat(stdout).toString("utf8") };
  if (exitCode === DAMAGED_EXIT_CODE) return { failure: "damaged" };
  // V8 past --max-old-space-size says so, then aborts.
  if (stderr.includes("JavaScript heap out of memory")) return { failure: "too_large" };
  throw new Error(`the PDF reader stopped (${signal ?? `exit code ${exitCode}`}): ${stderr.trim()}`);
}
