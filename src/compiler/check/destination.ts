/**
 * The checker's entry point: a parsed `.map` file in, the typed IR and every diagnostic out.
 * Declarations are collected first (so order in the file does not matter), then checked.
 */
import type {
  Action,
  Attribute,
  Auth,
  Destination,
  MapFile,
  Preset,
  Setting,
  ShapeDecl,
  Span,
  UpsertDecl
} from '../syntax/ast.js'
import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { ActionIR, AuthIR, AuthScheme, DestinationIR, EventType, PresetIR, SettingIR, ShapeIR } from '../ir.js'
import { printTrigger } from '../triggers/index.js'
import { checkAction, checkTrigger, isCompilable } from './actions.js'
import type { ApiSchema } from './api-schema.js'
import { readAttributes, requireString, stringAttribute } from './attributes.js'
import { checkAuthCredentials } from './basic-auth.js'
import type { Binding, DestinationScope, ExprEnv } from './environment.js'
import { checkExpr } from './expressions.js'
import { checkSetting, settingSchema } from './fields.js'
import { checkRequest, requireScalarValue } from './requests.js'
import type { JsonSchema } from './schema-types.js'
import { schemaToType } from './schema-types.js'
import { shapeCycles } from './shape-cycles.js'
import type { CheckedUpsert } from './steps.js'
import { closest, didYouMean } from '../diagnostics/suggest.js'
import { allEventTypes } from './trigger-types.js'
import { anyType, type Type } from './types.js'

export interface CheckOptions {
  /** The Segment Spec schema of one event type. */
  eventSchema(type: EventType): JsonSchema
  /** The API schema of the destination, when the project has one (`mappings/apis/<name>.schema.json`). */
  apiSchema(destination: string): { api?: ApiSchema; problems: string[]; file: string } | undefined
}

export interface CheckResult {
  ir?: DestinationIR
  diagnostics: Diagnostic[]
}

const AUTH_SCHEMES: readonly AuthScheme[] = ['api_key', 'oauth', 'basic', 'none']

export function checkMapFile(file: MapFile, options: CheckOptions): CheckResult {
  const diagnostics: Diagnostic[] = []
  const report = (d: Diagnostic): void => {
    diagnostics.push(d)
  }
  const [destination, ...extra] = file.destinations
  if (!destination) {
    report(diagnostic('MAPC2028', file.span, 'the file declares no destination', { hint: 'start with `destination <name> { … }`' }))
    return { diagnostics }
  }
  for (const other of extra) {
    report(diagnostic('MAPC2009', other.name.span, 'a file declares one destination; move this one to its own file'))
  }
  const ir = checkDestination(destination, options, report)
  return { ir, diagnostics: sortDiagnostics(dedupe(diagnostics)) }
}

function checkDestination(decl: Destination, options: CheckOptions, report: (d: Diagnostic) => void): DestinationIR {
  const where = `the destination \`${decl.name.name}\``
  const attrs = readAttributes(pick(decl, 'Attribute'), ['title', 'slug', 'description', 'accepts'], where, report)
  const title = requireString(attrs.get('title'), 'title', where, decl.name.span, report) ?? decl.name.name
  const accepts = readAccepts(attrs.get('accepts'), report)

  const settings = new Map<string, { type: Type; decl: Setting; ir: SettingIR }>()
  for (const s of pick(decl, 'Setting')) {
    if (duplicate(settings, s.name.name, s.name.span, (e) => e.decl.name.span, 'setting', report)) continue
    const checked = checkSetting(s, report)
    if (checked) settings.set(s.name.name, { type: checked.type, decl: s, ir: checked.ir })
  }

  const authDecls = pick(decl, 'Auth')
  authDecls.slice(1).forEach((a) => report(diagnostic('MAPC2025', a.span, 'a destination has one `auth` block')))
  const authDecl = authDecls[0]
  const scheme = readScheme(authDecl, report)

  const shapes = collect(pick(decl, 'ShapeDecl'), 'shape', report)
  shapeCycles(shapes).forEach(report)
  const upsertDecls = collect(pick(decl, 'UpsertDecl'), 'upsert declaration', report)
  const eventTypeCache = new Map<EventType, Type>()
  const apiInfo = options.apiSchema(decl.name.name)
  const dest: DestinationScope = {
    name: decl.name.name,
    file: decl.span.file,
    accepts,
    settings,
    authScheme: scheme,
    shapes,
    shapeIR: new Map(),
    upserts: upsertDecls,
    eventType(type) {
      let t = eventTypeCache.get(type)
      if (!t) {
        const schema = options.eventSchema(type)
        t = schemaToType(schema, schema)
        eventTypeCache.set(type, t)
      }
      return t
    }
  }
  if (apiInfo?.api) dest.api = apiInfo.api
  for (const problem of apiInfo?.problems ?? []) {
    report(diagnostic('MAPC4005', decl.name.span, `${apiInfo?.file ?? 'the API schema'}: ${problem}`))
  }
  // A schema file with problems has been reported above; saying it is missing would repeat that.
  if (!dest.api && hasRequests(decl) && (apiInfo?.problems.length ?? 0) === 0) {
    report(
      diagnostic('MAPC4005', decl.name.span, `${where} sends requests but has no API schema`, {
        hint: `describe its endpoints in ${apiInfo?.file ?? `mappings/apis/${decl.name.name}.schema.json`}`
      })
    )
  }

  const baseEnv = (site: ExprEnv['site'], bindings: Map<string, Binding> = new Map()): ExprEnv => ({
    dest,
    bindings,
    site,
    fieldNames: new Set(),
    usedFields: new Set(),
    shapeStack: [],
    report
  })

  const auth: AuthIR = { scheme, headers: [] }
  for (const header of authDecl?.headers ?? []) {
    const value = checkExpr(header.value, baseEnv('auth'))
    requireScalarValue(value, 'a header', report)
    auth.headers.push({ name: header.name.toLowerCase(), value, source: header.span })
  }
  if (authDecl) checkAuthCredentials(authDecl, auth, baseEnv('auth'), report)
  const authHeaders = auth.headers.map((h) => h.name)
  if (authDecl?.test) auth.test = checkRequest(authDecl.test, baseEnv('auth'), authHeaders).ir

  for (const [name, shape] of shapes) {
    const params = paramBindings(shape.params, report)
    const env: ExprEnv = { ...baseEnv('shape', params), shapeStack: [name] }
    const body = checkExpr(shape.body, env)
    const ir: ShapeIR = { name, params: shape.params.map((p) => p.name), body, source: shape.span }
    dest.shapeIR.set(name, ir)
  }

  const upserts = new Map<string, CheckedUpsert>()
  for (const [name, upsert] of upsertDecls) {
    if (upsert.params.length < 3) {
      report(
        diagnostic('MAPC2016', upsert.name.span, `an upsert declaration takes (object, key, [secondary key, …,] values): at least 3 parameters, not ${upsert.params.length}`)
      )
    }
    const checked = checkRequest(upsert.request, baseEnv('upsert', paramBindings(upsert.params, report)), authHeaders, false)
    const entry: CheckedUpsert = {
      ir: { name, params: upsert.params.map((p) => p.name), request: checked.ir, source: upsert.span },
      responseType: checked.responseType
    }
    if (checked.endpoint) entry.endpoint = checked.endpoint
    upserts.set(name, entry)
  }

  const actionDecls = collect(pick(decl, 'Action'), 'action', report)
  const presets = checkPresets(pick(decl, 'Preset'), actionDecls, dest, report)
  const presetActions = new Set(presets.map((p) => p.action))
  const actions: ActionIR[] = [...actionDecls.values()].map((a) =>
    checkAction(a, { dest, upserts, authHeaders, presetActions, report })
  )

  const settingIRs = [...settings.values()].map((s) => s.ir)
  const ir: DestinationIR = {
    name: decl.name.name,
    title,
    slug: stringAttribute(attrs.get('slug'), report) ?? `actions-${decl.name.name}`,
    accepts,
    sourceFile: decl.span.file,
    settings: settingIRs,
    auth,
    presets,
    shapes: [...dest.shapeIR.values()],
    upserts: [...upserts.values()].map((u) => u.ir),
    actions,
    settingsSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: Object.fromEntries(settingIRs.map((s) => [s.name, settingSchema(s)])),
      required: settingIRs.filter((s) => s.required).map((s) => s.name),
      additionalProperties: false
    },
    span: decl.span
  }
  const description = stringAttribute(attrs.get('description'), report)
  if (description !== undefined) ir.description = description
  if (dest.api) ir.apiSchemaFile = dest.api.file
  return ir
}

function checkPresets(
  presets: readonly Preset[],
  actions: ReadonlyMap<string, Action>,
  dest: DestinationScope,
  report: (d: Diagnostic) => void
): PresetIR[] {
  const out: PresetIR[] = []
  const titles = new Map<string, Span>()
  for (const preset of presets) {
    const earlier = titles.get(preset.title.value)
    if (earlier) {
      report(diagnostic('MAPC2002', preset.title.span, `two presets are called ${JSON.stringify(preset.title.value)}`, { related: [{ span: earlier, message: 'the first' }] }))
    }
    titles.set(preset.title.value, preset.title.span)
    checkTrigger({ trigger: preset.trigger }, dest, report)
    if (!isCompilable(preset.trigger)) continue
    if (!actions.has(preset.action.name)) {
      report(
        diagnostic('MAPC2008', preset.action.span, `the preset ${JSON.stringify(preset.title.value)} names no action \`${preset.action.name}\``, {
          hint: didYouMean(preset.action.name, actions.keys())
        })
      )
      continue
    }
    out.push({ title: preset.title.value, trigger: preset.trigger, fql: printTrigger(preset.trigger), action: preset.action.name, source: preset.span })
  }
  return out
}

function readAccepts(attribute: Attribute | undefined, report: (d: Diagnostic) => void): EventType[] {
  if (!attribute) return [...allEventTypes]
  const out: EventType[] = []
  for (const value of attribute.values) {
    const name = value.kind === 'Name' ? value.name : value.kind === 'String' ? value.value : undefined
    if (name === undefined || !(allEventTypes as readonly string[]).includes(name)) {
      report(
        diagnostic('MAPC2010', value.span, name === undefined ? '`accepts` lists event types by name' : `\`${name}\` is not an event type`, {
          hint: name ? didYouMean(name, allEventTypes) : `event types: ${allEventTypes.join(', ')}`
        })
      )
      // `tracks`: reported once, then read as the type it meant, so that the actions whose
      // trigger matches that type are not reported as well.
      const meant = name === undefined ? undefined : (closest(name, allEventTypes) as EventType | undefined)
      if (meant !== undefined && !out.includes(meant)) out.push(meant)
      continue
    }
    if (!out.includes(name as EventType)) out.push(name as EventType)
  }
  return out
}

function readScheme(auth: Auth | undefined, report: (d: Diagnostic) => void): AuthScheme {
  if (!auth) return 'none'
  const name = auth.scheme.name
  if (!(AUTH_SCHEMES as readonly string[]).includes(name)) {
    report(diagnostic('MAPC2014', auth.scheme.span, `unknown auth scheme \`${name}\``, { hint: didYouMean(name, AUTH_SCHEMES) ?? `schemes: ${AUTH_SCHEMES.join(', ')}` }))
    return 'none'
  }
  return name as AuthScheme
}

function paramBindings(params: readonly { name: string; span: Span }[], report: (d: Diagnostic) => void): Map<string, Binding> {
  const bindings = new Map<string, Binding>()
  const seen = new Map<string, Span>()
  for (const p of params) {
    const earlier = seen.get(p.name)
    if (earlier) report(diagnostic('MAPC2002', p.span, `the parameter \`${p.name}\` is declared twice`, { related: [{ span: earlier, message: 'first here' }] }))
    seen.set(p.name, p.span)
    bindings.set(p.name, { kind: 'param', type: anyType })
  }
  return bindings
}

type MemberKind = Destination['members'][number]['kind']
type MemberOf<K extends MemberKind> = Extract<Destination['members'][number], { kind: K }>

function pick<K extends MemberKind>(decl: Destination, kind: K): MemberOf<K>[] {
  return decl.members.filter((m): m is MemberOf<K> => m.kind === kind)
}

function collect<T extends Action | ShapeDecl | UpsertDecl>(decls: readonly T[], what: string, report: (d: Diagnostic) => void): Map<string, T> {
  const out = new Map<string, T>()
  for (const d of decls) {
    if (!duplicate(out, d.name.name, d.name.span, (e) => e.name.span, what, report)) out.set(d.name.name, d)
  }
  return out
}

function duplicate<T>(map: ReadonlyMap<string, T>, name: string, span: Span, spanOf: (t: T) => Span, what: string, report: (d: Diagnostic) => void): boolean {
  const earlier = map.get(name)
  if (earlier === undefined) return false
  report(diagnostic('MAPC2002', span, `there is already ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} \`${name}\``, { related: [{ span: spanOf(earlier), message: 'declared here' }] }))
  return true
}

function hasRequests(decl: Destination): boolean {
  return decl.members.some((m) => m.kind === 'Action' || m.kind === 'UpsertDecl' || (m.kind === 'Auth' && m.test !== undefined))
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.span.file}|${d.span.start.offset}|${d.span.end.offset}|${d.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
