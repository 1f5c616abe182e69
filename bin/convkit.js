#!/usr/bin/env node
// The `convkit` command (see src/cli.ts). The kit is TypeScript; tsx compiles
// it on the fly (and caches the result), so `npx convkit …` works straight
// after `npm ci` with no build step.
//
// Everything that can go wrong is said in one line on stderr, never as a
// stack trace: bad input (exit 2) and output that cannot be written (exit 1)
// by runCommandLine, anything unexpected (exit 1) by the guards below.
'use strict';

function internalError(error) {
  const message = error && error.message ? error.message : String(error);
  try {
    process.stderr.write(`convkit: internal error: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
    if (process.env.CONVKIT_DEBUG && error && error.stack) process.stderr.write(`${error.stack}\n`);
  } catch {
    // stderr itself is gone; the exit code still tells.
  }
  process.exitCode = 1;
}

process.on('uncaughtException', (error) => {
  internalError(error);
  process.exit(1);
});

try {
  require('tsx/cjs/api').register();
} catch (error) {
  process.stderr.write('convkit: cannot load tsx (a dev dependency); run `npm ci` in the convkit folder first\n');
  process.exit(1);
}

let cli;
try {
  cli = require('../src/cli');
} catch (error) {
  internalError(error);
}

if (cli) {
  cli.runCommandLine(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    internalError,
  );
}
