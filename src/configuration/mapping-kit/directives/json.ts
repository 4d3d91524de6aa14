/**
 * `{"@json": {"mode": "encode" | "decode", "value": m}}`.
 *
 * - encode: the value as JSON text (absent stays absent; an absent array item becomes `null`).
 * - decode: a string parsed as JSON; a string that is not JSON is returned as it is, and any
 *   other value passes through unchanged (actions-core 3.170.0).
 *
 * As Segment, the mode is checked without regard to case (`"ENCODE"` is accepted) but only
 * `"encode"` and `"decode"` themselves do anything: another spelling always gives absent.
 */
import { describeKind } from '../json-value.js'
import { isFalsyLiteral, readOptions, requireOption } from '../directive-options.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileJsonDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['mode', 'value'])
  const mode = requireOption(opts, 'mode', site)
  if (typeof mode !== 'string' || (mode.toLowerCase() !== 'encode' && mode.toLowerCase() !== 'decode')) {
    throw site.child('mode').error(`must be "encode" or "decode", not ${typeof mode === 'string' ? JSON.stringify(mode) : describeKind(mode)}`)
  }
  const mapping = requireOption(opts, 'value', site)
  // Segment fails every event when the value option is falsy.
  if (isFalsyLiteral(mapping)) throw site.child('value').error(`is ${JSON.stringify(mapping)}, which Segment treats as missing`)
  const value = compile(mapping, site.child('value'))

  if (mode === 'encode') {
    return (payload) => {
      try {
        return JSON.stringify(value(payload))
      } catch {
        throw site.error('cannot encode the value as JSON (it is circular or holds a BigInt)')
      }
    }
  }
  if (mode === 'decode') {
    return (payload) => {
      const resolved = value(payload)
      if (typeof resolved !== 'string') return resolved
      try {
        return JSON.parse(resolved) as unknown
      } catch {
        return resolved
      }
    }
  }
  // As Segment: the value is still resolved (and may fail the event), then nothing is made of it.
  return (payload) => {
    value(payload)
    return undefined
  }
}
