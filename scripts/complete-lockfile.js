#!/usr/bin/env node
// The npm registry reachable from our build machines does not serve the native
// builds of some packages for platforms we do not run on (macOS, Windows, ARM...).
// `npm install` then leaves those optional dependencies out of package-lock.json,
// and `npm ci` refuses the lock as "out of sync". This script writes a lock entry
// (version, os, cpu, libc, marked optional) for every such missing optional
// dependency, so `npm ci` can see it is for another platform and skip it.
// Run it after any `npm install` that changes the lock: `npm run lock:complete`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const lockPath = path.join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "win32", "android", "freebsd", "openharmony", "linux", "sunos", "aix", "netbsd", "openbsd"];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  arm: "arm",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

/** Reads os, cpu and libc from a platform package's name, e.g. resolver-binding-linux-arm-gnueabihf. */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!os || !cpu) return null;
  const entry = { os: [os], cpu: [cpu] };
  if ((os === "linux" && parts.includes("musl")) || parts.some((p) => p.endsWith("musleabihf"))) entry.libc = ["musl"];
  else if (os === "linux" && parts.some((p) => p.startsWith("gnu"))) entry.libc = ["glibc"];
  return entry;
}

let added = 0;
for (const [location, pkg] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = location === "" ? "" : `${location}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => packages[c])) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) {
      console.warn(`left alone: ${name}@${spec} (optional dependency of ${location || "the project"})`);
      continue;
    }
    const fields = { ...platform, optional: true, ...(pkg.dev ? { dev: true } : {}) };
    // Field order as npm writes it: version first, then alphabetical.
    const sortedFields = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
    packages[`node_modules/${name}`] = { version: spec, ...sortedFields };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))),
);
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} entries for other platforms' optional builds`);
