import { test } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { checkText, describeDiagnostic } from './support/check-text.js'

test('explore', () => {
  const dir = process.env.EXPLORE ?? 'test/check/cases'
  const only = process.env.ONLY
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.map')).sort()) {
    if (only && !name.includes(only)) continue
    const r = checkText(readFileSync(`${dir}/${name}`, 'utf8'), name)
    console.log(`== ${name}\n` + [...r.parseDiagnostics, ...r.diagnostics].map((d) => describeDiagnostic(d) + (d.related.length ? ' related ' + d.related.map((x) => `${x.span.start.line}:${x.span.start.column} ${x.message}`).join('; ') : '')).join('\n'))
  }
})
