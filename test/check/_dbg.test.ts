import { test } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { checkMapFile } from '../../src/compiler/check/destination.js'
import { projectCheckOptions } from '../../src/compiler/check-options.js'
const strip = (k: string, v: unknown) => (k === 'source' || k === 'span' || k === 'trigger' ? undefined : v)
test('dbg', () => {
  for (const name of ['attio', 'matilda', 'schematic']) {
    const file = `mappings/${name}.map`
    const r = checkMapFile(parseMap(readFileSync(file, 'utf8'), file).ast, projectCheckOptions(file))
    const ir = r.ir!
    console.log(name, JSON.stringify({ ...ir, actions: undefined, shapes: undefined, upserts: ir.upserts.map((u) => ({ ...u, request: { ...u.request, body: undefined, query: u.request.query.map((q) => q.name) } })) , auth: {scheme: ir.auth.scheme, headers: ir.auth.headers.map(h => h.name), test: ir.auth.test?.endpoint }}, strip))
    for (const a of ir.actions) console.log(a.name, JSON.stringify({ fql: a.fql, eventTypes: a.eventTypes, batch: a.batch ? { ...a.batch, steps: a.batch.steps.length, results: a.batch.results?.type } : undefined, rules: a.rules.map((r) => [r.kind, r.field, r.reason]), required: (a.payloadSchema as any).required, perform: a.perform.map((p) => [p.kind, p.bind, p.kind === 'send' ? p.request.endpoint : p.upsert]) }, strip))
  }
})
