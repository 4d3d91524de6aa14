import { test } from "vitest"
import { readFileSync, writeFileSync } from 'node:fs'
import { formatSource } from '../../src/compiler/format/format.js'
test("scratch", () => {
  for (const f of ['attio','schematic','matilda']) {
    const text = readFileSync(`/work/main/mappings/${f}.map`, 'utf8')
    const r = formatSource(text, f)
    if ('text' in r) { writeFileSync(`/tmp/${f}.fmt.map`, r.text); const r2 = formatSource(r.text, f); console.log(f, 'idempotent', 'text' in r2 && r2.text === r.text) }
    else console.log(r.diagnostics)
  }
})
