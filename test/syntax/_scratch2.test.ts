import { test } from "vitest"
import { readFileSync } from 'node:fs'
import { lex } from '../../src/compiler/syntax/lexer.js'
import { LineIndex } from '../../src/compiler/syntax/line-index.js'
import { formatSource } from '../../src/compiler/format/format.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
test("scratch", () => {
  let t = readFileSync(`/work/main/mappings/schematic.map`, 'utf8')
  const b = lex(new LineIndex(t, 'x')).tokens.map((tk) => tk.startOffset)
  const picks: [number, boolean][] = [[1378242708,true],[1901571219,true]]
  const offsets = [...new Set(picks.map(([p, bb]) => JSON.stringify([b[p % b.length]!, bb])))].map(x => JSON.parse(x) as [number, boolean]).sort((x, y) => y[0] - x[0])
  offsets.forEach(([o, lc], i) => { console.log(JSON.stringify(t.slice(o - 30, o) + '|HERE|' + t.slice(o, o + 20))); t = t.slice(0, o) + (lc ? `// c${i}\n` : `/* c${i} */ `) + t.slice(o) })
  const once: any = formatSource(t, 'x')
  console.log(parseMap(t, 'x').ast.comments.map(c => c.text).join(' '))
  console.log(parseMap(once.text, 'x').ast.comments.map(c => c.text).join(' '))
  console.log(once.text ?? once.diagnostics)
})
