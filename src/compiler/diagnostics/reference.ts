/**
 * docs/diagnostics.md, written from the code registry: every code with its severity, title and
 * explanation, so the page a diagnostic points to cannot fall behind the compiler. A test fails
 * when the checked-in page differs from this.
 */
import { codes, type CodeInfo } from './codes/index.js'

/** What a range's codes are about, and for the command line what its exit codes mean. */
const RANGES: [prefix: string, title: string, intro?: string][] = [
  ['MAPC1', 'Syntax'],
  ['MAPC2', 'Names and structure'],
  ['MAPC3', 'Types, event paths and expressions'],
  ['MAPC4', 'Requests and API schemas'],
  [
    'MAPC5',
    'Command line and input files',
    [
      '`mapc` exits 0 on success, 1 when the input has problems, 2 for bad usage, and 70 only for a bug in',
      'mapc. A file or directory that cannot be read or written (an output under `/dev/null`, a directory',
      'without write permission, a file in the way of a directory) is not a bug: the command prints one',
      'line that names the path, the reason and the errno, e.g. `mapc build: cannot access',
      '/dev/null/x/attio: a part of the path is not a directory (ENOTDIR)`, and exits 1. A `.map` file',
      'named on the command line that cannot be read is MAPC5001.'
    ].join('\n')
  ],
  ['MAPC6', 'The Segment target (mapc build --target segment)']
]

export function diagnosticsReference(): string {
  const lines = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/compiler/diagnostics/codes by `npm run grammar`; do not edit. -->',
    '',
    'Every diagnostic mapc reports has a stable code. A code is never reused for another problem.',
    ''
  ]
  const entries = Object.entries(codes) as [string, CodeInfo][]
  for (const [prefix, title, intro] of RANGES) {
    const inRange = entries.filter(([code]) => code.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b))
    if (inRange.length === 0) continue
    lines.push(`## ${title}`, '')
    if (intro !== undefined) lines.push(intro, '')
    for (const [code, info] of inRange) {
      lines.push(`### ${code}: ${info.title}`, '', `*${info.severity}*. ${info.explanation}`, '')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}
