// Stopping an HTTP server the way a client can live with. server.close() alone stops new
// connections but waits for every kept-alive one, and a client under load keeps sending on
// them: the close never completes and the process overruns its shutdown budget. Here, from
// the moment of closing, every answer says `Connection: close` (those not yet started too),
// so each connection ends after its answer; connections with no request under way are
// closed at once (Node counts one idle only until a request's first byte arrives, so no
// request the app has seen is lost; a client writing at that instant sees a reset, as good
// as a refusal); and anything still open when the grace period ends is cut.
import type { Server, ServerResponse } from "node:http";

export interface DrainableServer {
  /** Stops taking connections and resolves once every connection has closed (at most `graceMs` later). */
  drain(graceMs: number): Promise<void>;
}

/** Call as soon as the server is made, before it takes a request. */
export function drainable(server: Server): DrainableServer {
  const open = new Set<ServerResponse>();
  let isDraining = false;
  let drained: Promise<void> | undefined;
  // Prepended, so it runs before the handler that may write the head at once.
  server.prependListener("request", (_req, res: ServerResponse) => {
    if (isDraining) res.setHeader("connection", "close");
    open.add(res);
    res.once("close", () => open.delete(res));
  });
  return {
    drain(graceMs) {
      drained ??= new Promise<void>((resolve) => {
        isDraining = true;
        for (const res of open) if (!res.headersSent) res.setHeader("connection", "close");
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        // Kept-alive connections with no request under way: nothing is lost by closing them.
        server.closeIdleConnections();
      });
      return drained;
    },
  };
}
