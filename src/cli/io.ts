/**
 * Where the CLI writes and what it reads from its environment. `main` takes one of these so that
 * tests run commands in-process and read exactly what a user would see.
 */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: Readonly<Record<string, string | undefined>>
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env
}
