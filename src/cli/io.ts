/**
 * Where the CLI writes and what it reads from its environment. `main` takes one of these so that
 * tests run commands in-process and read exactly what a user would see.
 */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: Readonly<Record<string, string | undefined>>
  /** Standard input, for commands that read a stream (`mapc run --input -`); a function, so that other commands never open it. */
  stdin?: () => NodeJS.ReadableStream
  /** Standard error when it is a terminal: where progress bars are drawn. */
  terminal?: NodeJS.WriteStream
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  stdin: () => process.stdin,
  ...(process.stderr.isTTY ? { terminal: process.stderr } : {})
}
