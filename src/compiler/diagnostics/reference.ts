/**
 * docs/diagnostics.md, written from the code registry: every code with its severity, title and
 * explanation, so the page a diagnostic points to cannot fall behind the compiler. A test fails
 * when the checked-in page differs from this.
 */
import { codes, type CodeInfo } from './codes/index.js'

const RANGES: [string, string][] = [
  ['MAPC1', 'Syntax'],
  ['MAPC2', 'Names and structure'],
  ['MAPC3', 'Types, event paths and expressions'],
  ['MAPC4', 'Requests and API schemas'],
  ['MAPC5', 'Command line and input files'],
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
  for (const [prefix, title] of RANGES) {
    const inRange = entries.filter(([code]) => code.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b))
    if (inRange.length === 0) continue
    lines.push(`## ${title}`, '')
    for (const [code, info] of inRange) {
      lines.push(`### ${code}: ${info.title}`, '', `*${info.severity}*. ${info.explanation}`, '')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}
