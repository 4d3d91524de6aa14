import type { CodeInfo } from './index.js'

/**
 * Lexer and parser problems. A code names one kind of problem and is never reused; when a
 * problem stops being reported, its code stays here, marked as retired.
 */
export const syntaxCodes = {
  MAPC1001: {
    severity: 'error',
    title: 'unexpected character',
    explanation: 'The lexer found a character that cannot start any token of the language.'
  },
  MAPC1002: {
    severity: 'error',
    title: 'unterminated string',
    explanation:
      'A string was opened with `"` and not closed on the same line. Strings cannot span lines; write a line break as `\\n`.'
  },
  MAPC1003: {
    severity: 'error',
    title: 'single-quoted string',
    explanation: "Strings use double quotes, as in JSON: write `\"text\"`, not `'text'`."
  },
  MAPC1004: {
    severity: 'error',
    title: 'invalid escape sequence',
    explanation:
      'A backslash in a string or template must start one of the escapes `\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`; templates also take `\\{`, `\\}` and `` \\` ``.'
  },
  MAPC1005: {
    severity: 'error',
    title: 'unterminated template',
    explanation:
      'A template was opened with a backtick and not closed on the same line. A template, with its `{…}` interpolations, stays on one line.'
  },
  MAPC1006: {
    severity: 'error',
    title: 'unterminated block comment',
    explanation: 'A `/*` comment has no matching `*/`. Block comments do not nest.'
  },
  MAPC1007: {
    severity: 'error',
    title: 'malformed number',
    explanation: 'Numbers are written as in JSON: no leading zeros (`7`, not `007`), and a finite value.'
  },
  MAPC1008: {
    severity: 'error',
    title: 'nesting too deep',
    explanation:
      'Brackets, braces, parentheses and template interpolations nest at most 32 deep, and a chain of `not` or `if` cannot nest deeper than the parser can follow. The region beyond the limit is not read.'
  },
  MAPC1009: {
    severity: 'error',
    title: 'missing destination',
    explanation: 'A `.map` file describes a destination: it must contain `destination <name> { … }`.'
  },
  MAPC1010: {
    severity: 'error',
    title: 'unexpected token',
    explanation: 'The parser found a token where the grammar does not allow it. The message says what was expected.'
  },
  MAPC1011: {
    severity: 'error',
    title: 'unclosed bracket',
    explanation:
      'A `{`, `(`, `[` or template interpolation was opened and the input ended, or something else was found, before its closing bracket. When the braces of a file do not balance, the indentation says which block lacks its `}`: a block ends before the first line indented no deeper than the line that opened it. The `}` is reported missing there, once, and the rest of the file is read as if it had been written (one `}` too many, right after a `}` at the same indentation, is reported as MAPC1010 and read as absent).'
  },
  MAPC1012: {
    severity: 'error',
    title: 'input after the end',
    explanation: 'A trigger or expression was complete, but more text followed it.'
  },
  MAPC1013: {
    severity: 'error',
    title: 'expected an expression',
    explanation: 'A value was expected here: a path such as `$.traits.email`, a name, a literal, an object, an array, a call or a template.'
  },
  MAPC1014: {
    severity: 'error',
    title: 'missing comma',
    explanation: 'Entries of objects and arrays, and arguments and parameters, are separated by commas.'
  },
  MAPC1015: {
    severity: 'error',
    title: 'member not allowed here',
    explanation:
      'A member appears in a block that does not take it, for example a `field` directly in a destination (fields belong in actions) or a `setting` in an action.'
  },
  MAPC1016: {
    severity: 'error',
    title: 'keyword used as a name',
    explanation:
      'Keywords are reserved and cannot name a field, setting, action, parameter or binding. They may still be used after `.` and as object keys.'
  },
  MAPC1017: {
    severity: 'error',
    title: 'unknown trigger function',
    explanation: 'Triggers (FQL) have two functions: `contains(path, "text")` and `match(path, "glob*")`.'
  },
  MAPC1018: {
    severity: 'error',
    title: 'duplicate auth test',
    explanation: 'An `auth` block has at most one `test` request.'
  },
  MAPC1050: {
    severity: 'error',
    title: 'unclosed interpolation',
    explanation: 'A `{` in a template opens an interpolation that a `}` must close before the template\'s closing backtick: write `` `https://x/{id}` ``, not `` `https://x/{id` ``. The backtick is read as the end of the template, so the rest of the line is read as written.'
  }
} satisfies Record<string, CodeInfo>
