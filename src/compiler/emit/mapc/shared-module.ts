/**
 * `shared.ts`: the destination's shapes and key-matching (upsert) declarations as functions that
 * every action module imports, so a declaration written once in the `.map` is emitted once.
 */
import { StructureKind, type SourceFile, type StatementStructures } from 'ts-morph'
import type { DestinationIR } from '../../ir.js'
import { emitExpr, moduleScope, paramName, shapeName, upsertName } from '../expressions.js'
import { commentText, stringLiteral } from '../literals.js'
import { LocationTable } from '../locations.js'
import { emitRequest } from '../request.js'
import { MAPC_MODULES, type ModuleStyle } from '../module-style.js'

export function emitSharedModule(file: SourceFile, destination: DestinationIR, header: string, style: ModuleStyle = MAPC_MODULES): void {
  const locations = new LocationTable(destination.sourceFile)
  const scope = moduleScope(destination, locations)
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
    const request = emitRequest(upsert.request, scope, 'loc')
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
      // A request that reads no setting still takes the context, so every upsert has one signature.
      statements: [...(/\bctx\b/.test(request) ? [] : ['void ctx']), `return ${request}`]
    })
  }
  // A module with nothing to share imports nothing under `noUnused` (its `$` would be unused).
  const runtimeImport = body.length === 0 && style.noUnused ? [] : [`import * as $ from ${stringLiteral(style.runtime(0))}`]
  file.addStatements([header, ...runtimeImport, ...locations.statements(), ...body, ...(body.length === 0 ? ['export {}'] : [])])
}

function locationText(span: { file: string; start: { line: number; column: number } }): string {
  return `${span.file}:${span.start.line}:${span.start.column}`
}
