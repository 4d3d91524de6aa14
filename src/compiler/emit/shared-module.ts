/**
 * `shared.ts`: the destination's shapes and key-matching (upsert) declarations as functions that
 * every action module imports, so a declaration written once in the `.map` is emitted once.
 */
import { StructureKind, type SourceFile, type StatementStructures } from 'ts-morph'
import type { DestinationIR } from '../ir.js'
import { emitExpr, paramName, shapeName, upsertName, type EmitScope } from './expressions.js'
import { commentText } from './literals.js'
import { LocationTable } from './locations.js'
import { emitRequest } from './request.js'

export function emitSharedModule(file: SourceFile, destination: DestinationIR, header: string): void {
  const locations = new LocationTable(destination.sourceFile)
  const shapes = new Map(destination.shapes.map((s) => [s.name, s.body]))
  const scope: EmitScope = { event: 'e', payload: 'p', ctx: 'ctx', items: 'items', response: 'res', loc: (x) => locations.name(x.source), shapeBody: (name) => shapes.get(name) }
  const body: StatementStructures[] = []
  for (const shape of destination.shapes) {
    body.push({
      kind: StructureKind.Function,
      name: shapeName(shape.name),
      isExported: true,
      docs: [`The shape \`${commentText(shape.name)}\` (${commentText(locationText(shape.source))}).`],
      parameters: shape.params.map((p) => ({ name: paramName(p), type: 'unknown' })),
      returnType: 'unknown',
      statements: [`return ${emitExpr(shape.body, scope)}`]
    })
  }
  for (const upsert of destination.upserts) {
    body.push({
      kind: StructureKind.Function,
      name: upsertName(upsert.name),
      isExported: true,
      docs: [
        `Key matching \`${commentText(upsert.name)}\` (${commentText(locationText(upsert.source))}): the request that creates or updates a record. \`loc\` is the step that uses it.`
      ],
      parameters: [
        ...upsert.params.map((p) => ({ name: paramName(p), type: 'unknown' })),
        { name: 'ctx', type: '$.ValueContext' },
        { name: 'loc', type: '$.Loc' }
      ],
      returnType: '$.RequestSpec',
      statements: [...(/\bctx\b/.test(emitRequest(upsert.request, scope, 'loc')) ? [] : ['void ctx']), `return ${emitRequest(upsert.request, scope, 'loc')}`]
    })
  }
  file.addStatements([header, 'import * as $ from "mapc/runtime"', ...joined(locations.statements()), ...body, ...(body.length === 0 ? ['export {}'] : [])])
}

function locationText(span: { file: string; start: { line: number; column: number } }): string {
  return `${span.file}:${span.start.line}:${span.start.column}`
}

/** Consecutive one-line declarations as one statement, so the formatter keeps them together. */
function joined(lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [lines.join('\n')]
}
