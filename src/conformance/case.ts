/**
 * A conformance case: one action run on recorded events, with the requests Segment's reference
 * implementation made (test/conformance/README.md describes the format).
 */
export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

export interface ConformanceCase {
  id: string
  description: string
  destination: string
  action: string
  batch: boolean
  settings: Record<string, unknown>
  auth: { accessToken?: string; refreshToken?: string } | null
  mapping: Record<string, unknown>
  useDefaultMappings: boolean
  events: Record<string, unknown>[]
  responses: { status: number; body: unknown }[]
  expect: { requests: RecordedRequest[]; error: { kind: string; message: string } | null }
  deviations: string[]
}

/** Checks the shape of a parsed case file; the problems say which key is wrong. */
export function readCase(value: unknown, file: string): { case?: ConformanceCase; problems: string[] } {
  const problems: string[] = []
  const obj = isObject(value) ? value : {}
  if (!isObject(value)) problems.push('a case is a JSON object')
  const want = (key: string, test: (v: unknown) => boolean, what: string): void => {
    if (!test(obj[key])) problems.push(`"${key}" must be ${what}`)
  }
  want('id', isString, 'a string')
  want('description', (v) => v === undefined || isString(v), 'a string')
  // The destination names a `.map` file, and destination names are identifiers.
  want('destination', (v) => isString(v) && IDENTIFIER.test(v), 'a destination name (an identifier)')
  want('action', isString, 'a string')
  want('batch', (v) => typeof v === 'boolean', 'a boolean')
  want('settings', isObject, 'an object')
  want('auth', (v) => v === null || (isObject(v) && ['accessToken', 'refreshToken'].every((k) => v[k] === undefined || isString(v[k]))), 'null or an object of token strings')
  want('mapping', isObject, 'an object')
  want('useDefaultMappings', (v) => typeof v === 'boolean', 'a boolean')
  want('events', (v) => Array.isArray(v) && v.length > 0 && v.every(isObject), 'a non-empty array of objects')
  want('responses', (v) => Array.isArray(v) && v.every((r) => isObject(r) && Number.isInteger(r.status) && 'body' in r), 'an array of { "status": integer, "body": JSON }')
  want('expect', (v) => isObject(v) && Array.isArray(v.requests) && 'error' in v, 'an object with "requests" and "error"')
  const expected = isObject(obj.expect) ? obj.expect : {}
  if (Array.isArray(expected.requests)) {
    expected.requests.forEach((r, i) => {
      if (!isRecordedRequest(r)) problems.push(`"expect.requests[${i}]" must be { "method": string, "url": string, "headers": { name: string }, "body": JSON }`)
    })
  }
  if ('error' in expected && !(expected.error === null || (isObject(expected.error) && isString(expected.error.kind) && isString(expected.error.message)))) {
    problems.push('"expect.error" must be null or { "kind": string, "message": string }')
  }
  want('deviations', (v) => v === undefined || (Array.isArray(v) && v.every(isString)), 'a list of strings')
  if (problems.length > 0) return { problems: problems.map((p) => `${file}: ${p}`) }
  const c = obj as unknown as ConformanceCase
  return { case: { ...c, description: typeof c.description === 'string' ? c.description : '', deviations: Array.isArray(c.deviations) ? c.deviations : [] }, problems }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

function isRecordedRequest(value: unknown): value is RecordedRequest {
  return (
    isObject(value) &&
    isString(value.method) &&
    isString(value.url) &&
    isObject(value.headers) &&
    Object.values(value.headers).every(isString) &&
    'body' in value
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}
