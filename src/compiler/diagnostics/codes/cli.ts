import type { CodeInfo } from './index.js'

/** Problems with the files given to the CLI, before any of their text is parsed. */
export const cliCodes = {
  MAPC5001: {
    severity: 'error',
    title: 'file not found',
    explanation: 'A file named on the command line does not exist or cannot be read.'
  },
  MAPC5002: {
    severity: 'error',
    title: 'invalid UTF-8',
    explanation: 'The file contains bytes that are not well-formed UTF-8. Save it as UTF-8.'
  },
  MAPC5003: {
    severity: 'error',
    title: 'not UTF-8',
    explanation: 'The file starts with a UTF-16 or UTF-32 byte order mark. mapc reads UTF-8 only; save it as UTF-8.'
  },
  MAPC5004: {
    severity: 'error',
    title: 'binary file',
    explanation: 'The file contains NUL bytes, which no text file has: it is not a .map file.'
  }
} satisfies Record<string, CodeInfo>
