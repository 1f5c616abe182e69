/**
 * Stand-alone entry for the runner: `node --import tsx src/notebook/run-main.ts …`
 * takes the same arguments as `convkit run` (npm scripts and tests use it, so
 * they do not depend on the CLI being built).
 */
import { runCommand } from './run-command';

runCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
