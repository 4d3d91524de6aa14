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
  want('destination', isString, 'a string')
  want('action', isString, 'a string')
  want('batch', (v) => typeof v === 'boolean', 'a boolean')
  want('settings', isObject, 'an object')
  want('auth', (v) => v === null || isObject(v), 'an object or null')
  want('mapping', isObject, 'an object')
  want('useDefaultMappings', (v) => typeof v === 'boolean', 'a boolean')
  want('events', (v) => Array.isArray(v) && v.length > 0 && v.every(isObject), 'a non-empty array of objects')
  want('responses', (v) => Array.isArray(v) && v.every((r) => isObject(r) && typeof r.status === 'number'), 'an array of { status, body }')
  want('expect', (v) => isObject(v) && Array.isArray(v.requests) && (v.error === null || isObject(v.error)), 'an object with "requests" and "error"')
  if (problems.length > 0) return { problems: problems.map((p) => `${file}: ${p}`) }
  const c = obj as unknown as ConformanceCase
  return { case: { ...c, description: typeof c.description === 'string' ? c.description : '', deviations: Array.isArray(c.deviations) ? c.deviations : [] }, problems }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}
