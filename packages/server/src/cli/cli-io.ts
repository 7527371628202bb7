/** What a CLI command may touch, so tests can run commands without a process. */
export type CliIo = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
};
