/**
 * Where the command writes. `main` takes these instead of touching
 * process.stdout/stderr, so tests run it in-process and read what it said.
 */
export interface CliIo {
  /** Normal output: tables, JSON, help. Each call passes whole lines ending in '\n'. */
  readonly stdout: (text: string) => void;
  /** Error messages: one line per problem. */
  readonly stderr: (text: string) => void;
}
