/**
 * An emulated API's endpoints, read from the same file the compiler checks requests against
 * (`mappings/apis/<api>.schema.json`): each `oneOf` branch is an endpoint whose
 * `x-mapc-endpoint` says its method and URL template, whose schema validates the request, and
 * whose `x-mapc-response` (when there is one) is the shape every answer must have. Emulators
 * restate none of this; they only add what the schema cannot say (state and semantics).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { ApiRequest } from './types.js'

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export interface Endpoint {
  /** The definition's name: `assertRecord`. */
  id: string
  method: string
  /** `https://api.attio.com` */
  origin: string
  /** `/v2/objects/{object}/records/simple` */
  pathTemplate: string
  /** The path's `{param}`s when `path` (percent-encoded) fits the template; undefined otherwise. */
  match(method: string, path: string): Record<string, string> | undefined
  /** Problems with a request, one line each naming the field; empty when it fits. */
  check(request: ApiRequest): Problem[]
  /** Problems with a 2xx answer's body, against `x-mapc-response`; empty when there is no such schema. */
  checkResponse(body: unknown): Problem[]
}

export interface Problem {
  /** `body.data.values.email_addresses` */
  path: string
  /** The same path as JSON-pointer keys, to tell apart items of a batch. */
  keys: string[]
  message: string
}

export interface ApiSchemaDocument {
  file: string
  endpoints: Endpoint[]
  /** The endpoint a request goes to, with its path parameters. */
  route(method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } | undefined
}

/** `mappings/apis/<api>.schema.json` of the mapc package this module belongs to (from src/ or dist/src/). */
export function bundledSchemaFile(api: string): string {
  const wanted = join('mappings', 'apis', `${api}.schema.json`)
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, wanted))) return join(dir, wanted)
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find ${wanted} above ${fileURLToPath(import.meta.url)}`)
    dir = parent
  }
}

export function readApiSchemaDocument(file: string): ApiSchemaDocument {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  const id = typeof document.$id === 'string' ? document.$id : `mapc-emulator:${file}`
  // The annotations (`x-mapc-…`) are not JSON Schema keywords: strict mode would refuse them.
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addSchema({ ...document, $id: id })
  const branches = Array.isArray(document.oneOf) ? (document.oneOf as unknown[]) : []
  const endpoints = branches.map((branch, i) => endpointOf(ajv, id, document, branch, i, file))
  return {
    file,
    endpoints,
    route(method, path) {
      for (const endpoint of endpoints) {
        const params = endpoint.match(method, path)
        if (params) return { endpoint, params }
      }
      return undefined
    }
  }
}

function endpointOf(ajv: Ajv, id: string, document: Record<string, unknown>, branch: unknown, index: number, file: string): Endpoint {
  const ref = (branch as { $ref?: unknown } | null)?.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Error(`${file}: oneOf[${index}] must be a $ref to a definition`)
  const definition = pointerGet(document, ref) as Record<string, unknown> | undefined
  const spec = definition?.['x-mapc-endpoint']
  const parsed = typeof spec === 'string' ? /^([A-Z]+) (https?:\/\/[^/]+)(\/\S*)$/.exec(spec) : null
  if (!parsed) throw new Error(`${file}: ${ref} needs "x-mapc-endpoint": "<METHOD> <absolute URL template>"`)
  const [, method, origin, pathTemplate] = parsed as unknown as [string, string, string, string]
  const validate = compiled(ajv, `${id}${ref}`)
  const validateResponse = definition?.['x-mapc-response'] === undefined ? undefined : compiled(ajv, `${id}${ref}/x-mapc-response`)
  const pattern = templatePattern(pathTemplate)
  const names = [...pathTemplate.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] as string)
  return {
    id: ref.split('/').pop() as string,
    method,
    origin,
    pathTemplate,
    match(m, path) {
      if (m !== method) return undefined
      const found = pattern.exec(path)
      if (!found) return undefined
      const params: Record<string, string> = {}
      names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] as string)
      })
      return params
    },
    check: (request) => (validate(request) ? [] : explain(ajv, id, ref, request, validate.errors ?? [])),
    checkResponse: (body) => (validateResponse === undefined || validateResponse(body) ? [] : problemsOf(validateResponse.errors ?? []))
  }
}

function compiled(ajv: Ajv, key: string): ValidateFunction {
  const validate = ajv.getSchema(key)
  if (!validate) throw new Error(`no schema at ${key}`)
  return validate
}

function pointerGet(document: unknown, ref: string): unknown {
  let node: unknown = document
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined
  }
  return node
}

function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]*\}/).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('([^/]+)')}$`)
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * ajv reports every branch of a failed `oneOf`; a reader wants the branch the request meant. A
 * branch whose `const`s all hold (Schematic's `type: "track"`) is that branch: its errors alone
 * are reported. Otherwise every error but the `oneOf` summary is.
 */
function explain(ajv: Ajv, id: string, ref: string, request: ApiRequest, errors: readonly ErrorObject[]): Problem[] {
  const oneOf = errors.find((e) => e.keyword === 'oneOf' && e.schemaPath.startsWith('#/'))
  if (oneOf) {
    const at = pointerGet(request, `#${oneOf.instancePath}`)
    const branchesKey = `${id}${ref}${oneOf.schemaPath.slice(1)}`
    const branches = ajv.getSchema(branchesKey)?.schema
    if (Array.isArray(branches)) {
      const verdicts = branches.map((_, i) => {
        const validate = ajv.getSchema(`${branchesKey}/${i}`)
        if (!validate || validate(at)) return undefined
        return validate.errors ?? []
      })
      const meant = verdicts.filter((v): v is ErrorObject[] => v !== undefined && !v.some((e) => e.keyword === 'const'))
      if (meant.length === 1) {
        const others = errors.filter((e) => !e.instancePath.startsWith(oneOf.instancePath))
        return problemsOf([...others, ...(meant[0] as ErrorObject[]).map((e) => ({ ...e, instancePath: `${oneOf.instancePath}${e.instancePath}` }))])
      }
    }
  }
  return problemsOf(errors.filter((e) => e.keyword !== 'oneOf'))
}

function problemsOf(errors: readonly ErrorObject[]): Problem[] {
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of errors) {
    const keys = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    let path = keys.join('.')
    let message = error.message ?? 'is invalid'
    if (error.keyword === 'required') {
      const missing = String(error.params.missingProperty)
      path = path === '' ? missing : `${path}.${missing}`
      keys.push(missing)
      message = 'is required'
    } else if (error.keyword === 'additionalProperties') {
      message = `has an unknown property ${JSON.stringify(String(error.params.additionalProperty))}`
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify(error.params.allowedValue)}`
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    }
    const text = `${path === '' ? 'the request' : path} ${message}`
    if (seen.has(text)) continue
    seen.add(text)
    problems.push({ path: path === '' ? 'the request' : path, keys, message })
  }
  return problems
}

export function problemText(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path} ${p.message}`).join('; ')
}
