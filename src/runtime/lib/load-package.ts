/**
 * Loading a CommonJS package on first use (lodash's snakeCase, entities' HTML decoder): their
 * tables cost a cold start tens of milliseconds, and most destinations never need them. The one
 * place the runtime says how a package is required, so that the copy of the runtime a Segment
 * target build carries (compiler/emit/segment/support-files.ts) can say it the way its module
 * format does; every other module is the same text in both.
 */
import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

export function loadPackage(name: string): unknown {
  return load(name)
}
