#!/usr/bin/env node
// The `convkit` command (see src/cli.ts). The kit is TypeScript; tsx compiles
// it on the fly (and caches the result), so `npx convkit …` works straight
// after `npm ci` with no build step.
'use strict';

try {
  require('tsx/cjs/api').register();
} catch (error) {
  process.stderr.write('convkit: cannot load tsx (a dev dependency); run `npm ci` in the convkit folder first\n');
  process.exit(1);
}

// A reader that closes the pipe early (`convkit cost densenet-264 --per-layer | head`)
// is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = require('../src/cli');

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main reports every error itself; this is the last guard, still one line.
    process.stderr.write(`convkit: internal error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
