/** Test helper: runs the convkit command in-process and collects what it wrote. */
import { main } from '../../src/cli';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Runs a command that must succeed with --json and returns the parsed object. */
// biome-ignore lint/suspicious/noExplicitAny: the parsed --json output; each test reads the fields it checks
export async function runJson(...argv: string[]): Promise<Record<string, any>> {
  const result = await runCli(...argv);
  if (result.code !== 0) throw new Error(`convkit ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return JSON.parse(result.stdout) as Record<string, any>;
}
