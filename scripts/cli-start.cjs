#!/usr/bin/env node
// The CLI's bin (out/cli/index.js, copied here by scripts/build-cli.mjs): runs the bundle
// beside it (spendmap.js) as node would, but compiled from V8's code cache when the build
// made one (spendmap.js.cache): compiling the bundle's functions was a seventh of a short
// command's time. The cache is written by the build only, beside the bundle, and is used
// only if its header names this build of the bundle; V8 refuses a cache made by another
// Node or with other flags, and then the bundle is simply compiled.
'use strict';
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { wrap } = require('node:module');

const file = join(__dirname, 'spendmap.js');
const cacheFile = `${file}.cache`;
const source = readFileSync(file, 'utf8');
// The bundle's first line names its build: "// build <id>".
const build = /^\/\/ build ([0-9a-f]+)\n/.exec(source)?.[1] ?? '';
let cachedData;
try {
  const bytes = readFileSync(cacheFile);
  const header = Buffer.from(`spendmap ${build}\n`);
  if (build && bytes.subarray(0, header.length).equals(header)) cachedData = bytes.subarray(header.length);
} catch {
  // No cache: compile.
}
const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
script.runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);

// The build runs a command with this set, then keeps the functions it compiled.
if (process.env.SPENDMAP_WRITE_CODE_CACHE === build && build) {
  process.on('exit', () => {
    const partial = `${cacheFile}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.concat([Buffer.from(`spendmap ${build}\n`), script.createCachedData()]));
    renameSync(partial, cacheFile);
  });
}
