#!/usr/bin/env node
// The `convkit` command (see src/cli.ts). It runs the compiled kit in lib/,
// the same code the notebooks import, so what `convkit cost` prints and what
// a notebook shows never come from two versions of the kit. When src/ has
// changed since lib/ was built (scripts/lib-state.cjs), lib/ is rebuilt first,
// with one line on stderr saying why; the compiler's own lines follow there too,
// so stdout stays the command's output.
//
// Everything that can go wrong is said in one line on stderr, never as a
// stack trace: bad input (exit 2) and output that cannot be written (exit 1)
// by runCommandLine, anything unexpected (exit 1) by the guards below.

// biome-ignore lint/suspicious/noRedundantUseStrict: a CommonJS file (package.json has no "type"), where strict mode is not implied
'use strict';

const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const REPO = join(__dirname, '..');
/** The oldest Node.js the kit runs on (package.json engines; a dependency needs require() of ES modules). */
const NODE_MIN = [20, 19];

function internalError(error) {
  const message = error?.message ? error.message : String(error);
  try {
    process.stderr.write(`convkit: internal error: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
    if (process.env.CONVKIT_DEBUG && error?.stack) process.stderr.write(`${error.stack}\n`);
  } catch {
    // stderr itself is gone; the exit code still tells.
  }
  process.exitCode = 1;
}

function fail(message) {
  process.stderr.write(`convkit: ${message}\n`);
  process.exit(1);
}

process.on('uncaughtException', (error) => {
  internalError(error);
  process.exit(1);
});

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NODE_MIN[0] || (major === NODE_MIN[0] && minor < NODE_MIN[1])) {
  fail(`needs Node.js ${NODE_MIN.join('.')} or later; this is ${process.versions.node} (see .nvmrc)`);
}

/** Rebuilds lib/ when it is behind src/; false when it could not be brought up to date. */
function ensureFreshLib() {
  const { libState } = require('../scripts/lib-state.cjs');
  const before = libState(REPO);
  if (!before.stale) return true;
  process.stderr.write(`convkit: ${before.reason}; rebuilding lib/ first\n`);
  // The build's messages go to stderr (fd 2) as well: stdout carries only the command's output.
  spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--lenient'], { cwd: REPO, stdio: ['ignore', 2, 2] });
  const after = libState(REPO);
  if (!after.stale) return true;
  process.stderr.write(`convkit: lib/ is still out of date (${after.reason})\n`);
  return false;
}

let cli;
try {
  const fresh = ensureFreshLib();
  if (!existsSync(join(REPO, 'lib', 'cli.js'))) fail('lib/ is not built; run `npm ci` (or `npm run build`) in the convkit folder');
  if (!fresh) process.stderr.write('convkit: warning: running lib/ as last built, which is older than src/\n');
  cli = require('../lib/cli');
} catch (error) {
  internalError(error);
}

if (cli) {
  cli.runCommandLine(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, internalError);
}
