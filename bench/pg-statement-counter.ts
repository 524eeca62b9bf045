// Counts the SQL statements a process sends PostgreSQL: a TCP proxy between them that
// reads the client's side of the wire protocol (https://www.postgresql.org/docs/current/protocol-message-formats.html)
// and passes every byte on unchanged. A simple Query ('Q') counts once, whatever it
// holds; in the extended protocol each Execute ('E') counts once, attributed to the text
// its portal was bound from (Parse 'P', then Bind 'B'), so BEGIN, COMMIT and ROLLBACK
// can be told apart from the rest. The server's side is not read.
import net from "node:net";

const SSL_REQUEST = 80877103;
const GSS_ENCRYPTION_REQUEST = 80877104;
/** The first byte of a TLS handshake record: after an accepted SSLRequest the rest cannot be read. */
const TLS_HANDSHAKE = 0x16;

export interface StatementCounts {
  statements: number;
  /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE. */
  transactionControl: number;
  /** Statements by their verb and first table ("SELECT Board"), for saying where they went. */
  byKind: Map<string, number>;
}

export interface StatementCounter {
  /** The database URL through the proxy, for the process to be counted. */
  url: string;
  /** A copy of the counts so far. */
  counts(): StatementCounts;
  /** performance.now() of the latest statement (0 before any). */
  lastStatementAt(): number;
  stop(): Promise<void>;
}

const isTransactionControl = (sql: string) =>
  /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(sql);

/** "SELECT Board", "INSERT Action", "BEGIN": the verb and the first table named, without schema or quotes. */
export function kindOf(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)/i.exec(sql)?.[1];
  const name = table?.split(".").pop()?.replace(/"/g, "");
  return name ? `${verb} ${name}` : verb;
}

export function subtractCounts(after: StatementCounts, before: StatementCounts): StatementCounts {
  const byKind = new Map<string, number>();
  for (const [kind, n] of after.byKind) {
    const more = n - (before.byKind.get(kind) ?? 0);
    if (more > 0) byKind.set(kind, more);
  }
  return {
    statements: after.statements - before.statements,
    transactionControl: after.transactionControl - before.transactionControl,
    byKind,
  };
}

/** A NUL-terminated string at `offset`, and where the next field starts. */
function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  const stop = end === -1 ? buffer.length : end;
  return [buffer.toString("utf8", offset, stop), stop + 1];
}

/** One client connection's messages, read as they pass; `count` hears of each statement's text. */
function clientReader(count: (sql: string) => void) {
  let pending: Buffer = Buffer.alloc(0);
  let isStartup = true;
  let isOpaque = false;
  const statements = new Map<string, string>();
  const portals = new Map<string, string>();

  const readMessage = (type: string, body: Buffer) => {
    if (type === "Q") return count(readCString(body, 0)[0]);
    if (type === "P") {
      const [name, next] = readCString(body, 0);
      statements.set(name, readCString(body, next)[0]);
    } else if (type === "B") {
      const [portal, next] = readCString(body, 0);
      portals.set(portal, statements.get(readCString(body, next)[0]) ?? "");
    } else if (type === "E") {
      count(portals.get(readCString(body, 0)[0]) ?? "");
    }
  };

  // Startup, SSLRequest and GSSENCRequest have no type byte: a length, then a code.
  const readStartup = (): boolean => {
    if (pending.length >= 1 && pending[0] === TLS_HANDSHAKE) {
      isOpaque = true;
      return false;
    }
    if (pending.length < 8) return false;
    const length = pending.readInt32BE(0);
    if (pending.length < length) return false;
    const code = pending.readInt32BE(4);
    if (code !== SSL_REQUEST && code !== GSS_ENCRYPTION_REQUEST) isStartup = false;
    pending = pending.subarray(length);
    return true;
  };

  const readTyped = (): boolean => {
    if (pending.length < 5) return false;
    const length = pending.readInt32BE(1);
    if (pending.length < 1 + length) return false;
    readMessage(String.fromCharCode(pending[0]!), pending.subarray(5, 1 + length));
    pending = pending.subarray(1 + length);
    return true;
  };

  return (chunk: Buffer) => {
    if (isOpaque) return;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (!isOpaque && (isStartup ? readStartup() : readTyped()));
    // Kept apart from the socket's buffer, which Node may reuse.
    if (pending.length > 0) pending = Buffer.from(pending);
  };
}

/** Listens on a port of its own on 127.0.0.1 and relays to the server `databaseUrl` names. */
export async function startStatementCounter(databaseUrl: string): Promise<StatementCounter> {
  const upstream = new URL(databaseUrl);
  const totals: StatementCounts = { statements: 0, transactionControl: 0, byKind: new Map() };
  let lastAt = 0;
  const count = (sql: string) => {
    totals.statements += 1;
    if (isTransactionControl(sql)) totals.transactionControl += 1;
    const kind = kindOf(sql);
    totals.byKind.set(kind, (totals.byKind.get(kind) ?? 0) + 1);
    lastAt = performance.now();
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const database = net.connect({ host: upstream.hostname, port: Number(upstream.port || 5432) });
    const read = clientReader(count);
    for (const socket of [client, database]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("close", () => sockets.delete(socket));
      // One side gone takes the other with it, as a direct connection would.
      socket.on("error", () => undefined);
    }
    client.on("data", (chunk: Buffer) => {
      database.write(chunk);
      read(chunk);
    });
    client.on("close", () => database.destroy());
    database.on("close", () => client.destroy());
    database.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    counts: () => ({ ...totals, byKind: new Map(totals.byKind) }),
    lastStatementAt: () => lastAt,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
