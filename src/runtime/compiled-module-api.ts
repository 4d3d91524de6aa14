/**
 * What compiled destination modules import as `$` (`import * as $ from "mapc/runtime"`): the
 * contract types and the primitives of support.ts. Configuration mappings compiled at load time
 * get exactly this object too.
 */
export * from './contract.js'
export {
  own,
  ownAt,
  opt,
  spreadable,
  spreadInto,
  record,
  arrayOf,
  present,
  mapPresent,
  text,
  plus,
  equals,
  truth,
  urlPart,
  pathPart,
  hostPart,
  responseValue,
  coerceToString,
  coerceToNumber,
  coerceToBoolean,
  setOwn,
  formats,
  itemReports,
  itemFailures
} from './support.js'
export { builtins as fn } from './lib/builtins.js'
export { readPath } from './lib/path.js'
