/**
 * One action → `actions/<action>.ts`: its metadata, a resolver per field default, the straight-line
 * `resolveDefaults`, type coercion, the rules, `perform` and `performBatch`. Exports one
 * `CompiledAction` named `action`.
 */
import { StructureKind, VariableDeclarationKind, type SourceFile, type StatementStructures } from 'ts-morph'
import type { ActionIR, DestinationIR, ExprIR, FieldIR, StepIR } from '../../ir.js'
import { emitExpr, condition, localName, moduleScope, shapeName, upsertName, type EmitScope } from '../expressions.js'
import { walkExpr } from '../../ir-walk.js'
import { commentText, printable, propertyKey, stringLiteral, valueLiteral } from '../literals.js'
import { LocationTable } from '../locations.js'
import { emitRequest } from '../request.js'
import { TRIGGER_JS_HELPER, triggerToJs } from '../../triggers/index.js'
import { declarationTypeNames, typeName } from '../names.js'
import { fieldMeta } from '../metadata.js'
import { coercionOf } from '../coercion.js'
import { pathFields } from '../path-fields.js'
import { MAPC_MODULES, type ModuleStyle } from '../module-style.js'

export function emitActionModule(file: SourceFile, destination: DestinationIR, action: ActionIR, header: string, style: ModuleStyle = MAPC_MODULES): void {
  const locations = new LocationTable(destination.sourceFile)
  const payloadType = declarationTypeNames(destination).payloads.get(action.name) ?? typeName(action.name, 'Payload')
  const scope = moduleScope(destination, locations)
  const usedShared = new Set<string>()
  const noteShared = (steps: readonly StepIR[]): void => {
    for (const step of steps) if (step.kind === 'upsert') usedShared.add(upsertName(step.upsert))
    for (const name of shapesIn(action)) usedShared.add(name)
  }
  noteShared(action.perform)
  if (action.batch) noteShared(action.batch.steps)

  const body: (string | StatementStructures)[] = []
  body.push(defaultsStatement(action, scope, style))
  body.push({
    kind: StructureKind.Function,
    name: 'resolveDefaults',
    docs: ['Every field default at once, in field order: the path of subscriptions that map nothing themselves.'],
    parameters: [
      { name: 'e', type: '$.SegmentEvent' },
      { name: 'ctx', type: '$.ValueContext' }
    ],
    returnType: '$.Payload',
    statements: (writer) => {
      writer.write(resolveDefaultsBody(action, scope).join('\n'))
    }
  })
  body.push({
    kind: StructureKind.Function,
    name: 'clean',
    docs: ["Segment's removeEmptyValues, field by field, in place: what `removeEmptyValues` in the runtime does, without a loop over the fields."],
    parameters: [
      { name: 'p', type: '$.Payload' },
      { name: 'single', type: 'boolean' }
    ],
    returnType: 'void',
    statements: cleanBody(action.fields, style)
  })
  body.push({
    kind: StructureKind.Function,
    name: 'coerce',
    docs: ["Converts scalars to the fields' declared types, in place (numbers and booleans to strings, numeric strings to numbers)."],
    parameters: [{ name: 'p', type: '$.Payload' }],
    returnType: 'void',
    statements: coerceBody(action.fields)
  })
  body.push({
    kind: StructureKind.Function,
    name: 'rules',
    docs: ['The first `skip` or `reject` rule that applies to a validated payload.'],
    parameters: [
      { name: 'input', type: '$.Payload' },
      { name: 'ctx', type: '$.ValueContext' }
    ],
    returnType: '$.RuleOutcome | undefined',
    statements: [
      ...(action.rules.length > 0 ? [`const p = input as unknown as ${payloadType}`, ...(style.noUnused ? ['void ctx'] : [])] : ['void input', 'void ctx']),
      ...action.rules.map((rule) => {
        const test = condition(rule.when, scope)
        const loc = locations.name(rule.source)
        const outcome =
          rule.kind === 'skip'
            ? `{ kind: "skip", reason: ${stringLiteral(rule.reason)}, loc: ${loc} }`
            : `{ kind: "reject", field: ${stringLiteral(rule.field ?? '')}, reason: ${stringLiteral(rule.reason)}, loc: ${loc} }`
        return `if (${test}) return ${outcome}`
      }),
      'return undefined'
    ]
  })
  if (action.perform.length > 0) {
    body.push({
      kind: StructureKind.Function,
      name: 'perform',
      isAsync: true,
      docs: ['Sends what one event asks for; each request is awaited before the next.'],
      parameters: [
        { name: 'input', type: '$.Payload' },
        { name: 'ctx', type: '$.ActionContext' }
      ],
      returnType: 'Promise<unknown>',
      statements: [`const p = input as unknown as ${payloadType}`, ...stepsBody(action.perform, scope, locations, 'return')]
    })
  }
  if (action.batch) {
    const batch = action.batch
    const statements = stepsBody(batch.steps, scope, locations, 'keep')
    const outcomes = (expr: ExprIR | undefined): string => (expr ? emitExpr(expr, scope) : 'undefined')
    statements.push(
      batch.results
        ? `return $.itemReports(${emitExpr(batch.results, scope)}, items.length, ${locations.name(batch.results.source)})`
        : batch.failures || batch.failedCount
          ? `return $.itemFailures(${outcomes(batch.failures)}, ${outcomes(batch.failedCount)}, ${outcomes(batch.keys)}, items.length)`
          : 'void res\nreturn undefined'
    )
    body.push({
      kind: StructureKind.Function,
      name: 'performBatch',
      isAsync: true,
      docs: ['Sends the validated payloads of a batch; reports one outcome per item when the API gives them.'],
      parameters: [
        { name: 'items', type: 'readonly $.Payload[]' },
        { name: 'ctx', type: '$.ActionContext' }
      ],
      returnType: 'Promise<readonly $.ItemReport[] | undefined>',
      statements
    })
  }

  const fields = action.fields.map((f) => fieldMeta(f, locations))
  const pathFieldNames = pathFields(action, destination.upserts)
  const properties = [
    `name: ${stringLiteral(action.name)}`,
    `title: ${stringLiteral(action.title)}`,
    ...(action.description !== undefined ? [`description: ${stringLiteral(action.description)}`] : []),
    ...(action.trigger && action.fql !== undefined
      ? [`fql: ${stringLiteral(action.fql)}`, `trigger: (event: unknown): boolean => ${printable(triggerToJs(action.trigger, 'event'))}`]
      : []),
    `eventTypes: ${valueLiteral(action.eventTypes)}`,
    `fields: [\n${fields.join(',\n')}\n]`,
    'defaults',
    'resolveDefaults',
    'clean',
    'coerce',
    `validate: validators.${validatorName(action.name)}`,
    'rules',
    ...(pathFieldNames.length > 0 ? [`pathFields: ${valueLiteral(pathFieldNames)}`] : []),
    ...(action.perform.length > 0 ? ['perform'] : []),
    ...(action.batch
      ? [
          `batch: { ${[
            ...(action.batch.enabledField ? [`enabledField: ${stringLiteral(action.batch.enabledField)}`] : []),
            `size: ${valueLiteral(action.batch.size)}`,
            'perform: performBatch',
            `loc: ${locations.name(action.batch.source)}`
          ].join(', ')} }`
        ]
      : []),
    `payloadSchema: ${valueLiteral(action.payloadSchema)}`,
    `loc: ${locations.name(action.source)}`
  ]
  body.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [`${commentText(action.title)}: compiled from ${commentText(destination.sourceFile)}.`],
    declarations: [{ name: 'action', type: '$.CompiledAction', initializer: `{\n${properties.join(',\n')}\n}` }]
  })

  // Every body above is built already, so the location table is complete: constants go first.
  file.addStatements([
    header,
    `import * as $ from ${stringLiteral(style.runtime(1))}`,
    `import * as validators from ${stringLiteral(style.relative('../validators'))}`,
    `import type { ${payloadType} } from ${stringLiteral(style.relative('../types'))}`,
    ...(usedShared.size > 0 ? [`import { ${[...usedShared].sort().join(', ')} } from ${stringLiteral(style.relative('../shared'))}`] : []),
    // Compiled triggers read the event through this name (see compiler/triggers/to-js.ts).
    ...(action.trigger ? [`const ${TRIGGER_JS_HELPER} = $.readPath`] : []),
    ...locations.statements(),
    ...body
  ])
}

export function validatorName(action: string): string {
  return `validate_${action}`
}

function defaultsStatement(action: ActionIR, scope: EmitScope, style: ModuleStyle): StatementStructures {
  const entries = action.fields
    .filter((f): f is FieldIR & { default: ExprIR } => f.default !== undefined)
    .map((f) => `${propertyKey(f.name)}: (e: $.SegmentEvent, ctx: $.ValueContext): unknown => ${arrowBody(withEventUse(withCtxUse(emitExpr(f.default, scope)), style))}`)
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['The default of each field that has one: what a subscription gets for a field it does not map.'],
    declarations: [{ name: 'defaults', type: '$.CompiledAction["defaults"]', initializer: entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n}` }]
  }
}

/** An object literal right after `=>` would read as a block (a default `{ region: settings.region }`). */
function arrowBody(code: string): string {
  return code.startsWith('{') ? `(${code})` : code
}

/** Under `noUnused`, a default that reads nothing of the event still uses its parameter. */
function withEventUse(code: string, style: ModuleStyle): string {
  return !style.noUnused || /\be\b/.test(code) ? code : `(void e, ${code})`
}

/** Defaults that read no setting still take the context, so every resolver has one signature. */
function withCtxUse(code: string): string {
  return /\bctx\b/.test(code) ? code : `(void ctx, ${code})`
}

function resolveDefaultsBody(action: ActionIR, scope: EmitScope): string[] {
  const lines = ['const p: $.Payload = {}']
  const withDefault = action.fields.filter((f) => f.default !== undefined)
  if (withDefault.length > 0) lines.push('let v: unknown')
  for (const field of withDefault) {
    lines.push(`// ${commentText(field.name)}`)
    lines.push(`v = ${emitExpr(field.default as ExprIR, scope)}`)
    lines.push(`if (v !== undefined) ${assignField('p', field.name, 'v')}`)
  }
  if (!withDefault.some((f) => /\bctx\b/.test(emitExpr(f.default as ExprIR, scope)))) lines.push('void ctx')
  if (withDefault.length === 0) lines.push('void e')
  lines.push('return p')
  return lines
}

function assignField(object: string, name: string, value: string): string {
  return name === '__proto__' || name in Object.prototype ? `$.setOwn(${object}, ${stringLiteral(name)}, ${value})` : `${object}.${name} = ${value}`
}

/**
 * Per field, as the runtime's removeEmptyValues (delivery/payload.ts): `null` goes; `""` goes for
 * a field whose type is not text, and for any field of a single event; the items of a `multiple`
 * field are filtered the same way (a new array). Only own properties are touched.
 */
function cleanBody(fields: readonly FieldIR[], style: ModuleStyle): string[] {
  const lines: string[] = []
  for (const f of fields) {
    const key = stringLiteral(f.name)
    const at = `p[${key}]`
    const text = f.type === 'string' || f.type === 'datetime'
    const drop = `if (${style.hasOwn('p', key)}) delete ${at}`
    lines.push(`// ${commentText(f.name)}`)
    lines.push(`v = ${at}`)
    if (f.multiple) {
      const keep = text ? '(x) => x !== null' : '(x) => x !== null && x !== ""'
      lines.push(`if (Array.isArray(v)) { if (${style.hasOwn('p', key)}) ${at} = v.filter(${keep}) }`)
      lines.push(`else if (v === null || v === "") { ${drop} }`)
    } else if (text) {
      lines.push(`if (v === null || (single && v === "")) { ${drop} }`)
    } else {
      lines.push(`if (v === null || v === "") { ${drop} }`)
    }
  }
  if (lines.length === 0) return ['void p', 'void single']
  // Only a single-valued text field reads `single`; under `noUnused` it is used all the same.
  const usesSingle = fields.some((f) => !f.multiple && (f.type === 'string' || f.type === 'datetime'))
  return ['let v: unknown', ...(style.noUnused && !usesSingle ? ['void single'] : []), ...lines]
}

function coerceBody(fields: readonly FieldIR[]): string[] {
  const lines: string[] = []
  for (const f of fields) {
    const coercion = coercionOf(f)
    if (coercion) lines.push(`$.${coercion}(p, ${stringLiteral(f.name)})`)
  }
  return lines.length === 0 ? ['void p'] : lines
}

/**
 * Steps as statements. `return` mode returns the last response body (single events);
 * `keep` mode leaves it in `res` for the batch's `results`.
 */
function stepsBody(steps: readonly StepIR[], scope: EmitScope, locations: LocationTable, mode: 'return' | 'keep'): string[] {
  const lines: string[] = []
  steps.forEach((step, i) => {
    // A send names its request (`POST …`), as the auth test does; an upsert names the step that
    // uses the shared declaration. The interpreter names the same places.
    const request =
      step.kind === 'send'
        ? emitRequest(step.request, scope, locations.name(step.request.source))
        : `${upsertName(step.upsert)}(${step.args.map((a) => emitExpr(a, scope)).join(', ')}, ctx, ${locations.name(step.source)})`
    const last = i === steps.length - 1
    const sent = `(await ctx.send(${request})).body`
    lines.push(`// ${commentText(`${step.source.file}:${step.source.start.line}:${step.source.start.column}`)}`)
    if (step.bind !== undefined) lines.push(`const ${localName(step.bind)} = ${sent}`)
    else if (last && mode === 'return') lines.push(`return ${sent}`)
    else if (last) lines.push(`const res = ${sent}`)
    else lines.push(`await ctx.send(${request})`)
    if (last && step.bind !== undefined) lines.push(mode === 'return' ? `return ${localName(step.bind)}` : `const res = ${localName(step.bind)}`)
  })
  if (steps.length === 0) lines.push(mode === 'return' ? 'return undefined' : 'const res: unknown = undefined')
  return lines
}

function shapesIn(action: ActionIR): Set<string> {
  const names = new Set<string>()
  const visit = (e: ExprIR | undefined): void =>
    walkExpr(e, (x) => {
      if (x.kind === 'shape') names.add(shapeName(x.name))
    })
  action.fields.forEach((f) => visit(f.default))
  action.rules.forEach((r) => visit(r.when))
  for (const step of [...action.perform, ...(action.batch?.steps ?? [])]) {
    if (step.kind === 'upsert') step.args.forEach(visit)
    else {
      step.request.url.expressions.forEach(visit)
      step.request.query.forEach((q) => visit(q.value))
      step.request.headers.forEach((h) => visit(h.value))
      visit(step.request.body?.value)
    }
  }
  visit(action.batch?.results)
  visit(action.batch?.failures)
  visit(action.batch?.failedCount)
  visit(action.batch?.keys)
  return names
}
