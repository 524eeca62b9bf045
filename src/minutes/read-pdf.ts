// A PDF's text, read with unpdf (PDF.js) in a Node process of its own. PDF.js is slow and
// hungry on a large or crafted file (measured: a 9 MB PDF of 7,500 compressed pages took 42 s
// and 1.2 GB), and a file shared in Slack is anyone's. In another process the event loop that
// answers Slack and renews job locks stays free, and the reading can be stopped:
// - at a time limit: the parent kills the process;
// - at a memory limit, on the process's resident memory (RSS), which counts everything: V8's heap,
//   and the ArrayBuffers outside it where PDF.js keeps decoded streams (a 300 KB compression bomb
//   decodes to 300 MB there, past any --max-old-space-size). The process measures its own RSS and
//   exits with MEMORY_EXIT_CODE past the limit; --max-old-space-size, at the same number, stops
//   V8's heap outright should it outgrow the limit between two measurements;
// - at a length of text: the parent counts what comes back and kills the process past it.
// Within the process PDF.js runs in a worker thread: its work is a long chain of promises that
// starves the thread's timers (a 400-page reading let no 50 ms interval run), so the process's
// main thread stays idle to take the measurements. Not a worker thread in the app's process: a worker
// past its resourceLimits can still abort the whole process (nodejs/node#47224; a 9 MB PDF of one
// long line did so here, at a 64 MB limit). The process also runs plain Node, where unpdf's ES
// module loads; jest's module sandbox cannot import it without --experimental-vm-modules.
import { spawn } from "node:child_process";

export type PdfLimits = {
  /** The longest a PDF may take to read; minutes of a hundred pages take under a second. */
  timeLimitMs: number;
  /** The memory (RSS) the reading process may use; 100 pages of minutes take under 120 MB, 1,900 dense pages took 280 MB of heap alone. */
  memoryLimitMb: number;
  /** The most text a reading may give back; see PDF_TEXT_LIMIT_BYTES. */
  textLimitBytes: number;
};

/**
 * The most text (UTF-8) a PDF may give. A hundred pages of dense minutes give 450 KB, so 4 MB
 * is the text of some 900 pages: more than any minutes, and little enough for the parser to
 * take on the main thread without holding it up.
 */
export const PDF_TEXT_LIMIT_BYTES = 4 * 1024 * 1024;

export const PDF_LIMITS: PdfLimits = Object.freeze({
  timeLimitMs: 20_000,
  memoryLimitMb: 512,
  textLimitBytes: PDF_TEXT_LIMIT_BYTES,
});

/** The text, pages separated by form feeds; or what was wrong with the file. */
export type PdfReading = { text: string } | { failure: "damaged" | "too_slow" | "too_large" | "too_much_text" };

/** The reading process's exit code for a file PDF.js could not read (sysexits' EX_DATAERR). */
const DAMAGED_EXIT_CODE = 65;
/** The reading process's exit code past its memory limit: outside Node's own codes (1-14, 128 up) and sysexits' (64-78). */
const MEMORY_EXIT_CODE = 90;
/** How often, in ms, the reading process measures its memory: a compression bomb grows some 10 MB in that time. */
const MEMORY_CHECK_INTERVAL_MS = 50;
/** How much of the reading process's stderr is kept: the start, where V8 and Node say why it stopped. */
const STDERR_KEPT_CHARS = 4000;

// Given as strings (not files) so the same code runs from the TypeScript source under ts-jest
// and from dist/. READER_CODE runs in the worker thread: the PDF comes in workerData, the text
// or its failure goes back as a message. unpdf is required by the path the parent resolved.
// PDF.js is loaded before the file is opened, so a failure to load it is an error of ours (the
// worker's uncaught rejection, rethrown by the process: exit code 1), not a damaged file.
const READER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { extractText, getDocumentProxy, getResolvedPDFJS } = require(workerData.unpdfPath);

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

getResolvedPDFJS().then(() =>
  readText(workerData.bytes).then(
    (text) => parentPort.postMessage({ text }),
    () => parentPort.postMessage({ isDamaged: true }),
  ),
);
`;

// The process: the PDF comes on stdin, the text goes to stdout; argv[1] is unpdf's path,
// argv[2] the memory limit in MB.
const PROCESS_CODE = `
const { Worker } = require("node:worker_threads");
const [unpdfPath, memoryLimitMb] = process.argv.slice(1);

const memoryLimitBytes = Number(memoryLimitMb) * 1024 * 1024;
setInterval(() => {
  if (process.memoryUsage.rss() > memoryLimitBytes) process.exit(${MEMORY_EXIT_CODE});
}, ${MEMORY_CHECK_INTERVAL_MS}).unref();

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  // PDF.js takes a Uint8Array, not a Buffer; this one has an ArrayBuffer of its own to hand over.
  return new Uint8Array(Buffer.concat(chunks));
}

readStdin().then((bytes) => {
  const reader = new Worker(${JSON.stringify(READER_CODE)}, {
    eval: true,
    workerData: { unpdfPath, bytes },
    transferList: [bytes.buffer],
  });
  reader.on("message", ({ text }) => {
    if (text === undefined) process.exitCode = ${DAMAGED_EXIT_CODE};
    else process.stdout.write(text);
  });
  reader.on("error", (error) => {
    throw error;
  });
});
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
      [
        `--max-old-space-size=${limits.memoryLimitMb}`,
        "-e",
        PROCESS_CODE,
        require.resolve("unpdf"),
        String(limits.memoryLimitMb),
      ],
      // An empty environment: no NODE_OPTIONS from the parent (jest's, say), and none of its secrets.
      { env: {}, stdio: ["pipe", "pipe", "pipe"] },
    );
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let stopped: "too_slow" | "too_large" | "too_much_text" | undefined;
    const stop = (failure: "too_slow" | "too_large" | "too_much_text") => {
      stopped ??= failure;
      reader.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("too_slow"), limits.timeLimitMs);
    reader.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      // Text past the limit is neither kept nor waited for.
      if (stdoutBytes > limits.textLimitBytes) stop("too_much_text");
      else stdout.push(chunk);
    });
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
      if (stopped) return resolve({ failure: stopped });
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
  if (exitCode === MEMORY_EXIT_CODE) return { failure: "too_large" };
  // V8 past --max-old-space-size says so, then aborts.
  if (stderr.includes("JavaScript heap out of memory")) return { failure: "too_large" };
  throw new Error(`the PDF reader stopped (${signal ?? `exit code ${exitCode}`}): ${stderr.trim()}`);
}
