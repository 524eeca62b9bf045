import { EventEmitter } from "node:events";
import { guardProcess } from "../../src/process-guards";

describe("guardProcess", () => {
  it("logs an uncaught exception and an unhandled rejection instead of letting them end the process, until removed", () => {
    const target = new EventEmitter();
    const logged: Array<[Record<string, unknown>, string]> = [];
    const remove = guardProcess(target as unknown as NodeJS.Process, {
      error: (fields, message) => void logged.push([fields, message]),
    });
    const thrown = new Error("thrown");
    const rejected = new Error("rejected");
    target.emit("uncaughtException", thrown, "uncaughtException");
    target.emit("unhandledRejection", rejected, Promise.resolve());
    expect(logged).toEqual([
      [{ err: thrown, origin: "uncaughtException" }, "uncaught exception; still serving"],
      [{ err: rejected }, "unhandled promise rejection; still serving"],
    ]);
    remove();
    expect(target.listenerCount("uncaughtException") + target.listenerCount("unhandledRejection")).toBe(0);
  });
});
