/**
 * Stand-alone entry for the runner: `node --import tsx src/notebook/run-main.ts …`
 * takes the same arguments as `convkit run`. The tests use it to run the
 * runner's own source; everything else goes through bin/convkit.js, which runs
 * the compiled lib/ and rebuilds it first when src/ has changed.
 */
import { runCommand } from './run-command';

runCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
