/**
 * `{"@json": {"mode": "encode" | "decode", "value": m}}`.
 *
 * - encode: the value as JSON text (absent stays absent; an absent array item becomes `null`).
 * - decode: a string parsed as JSON; any other value passes through unchanged. A string that is
 *   not JSON fails this event with a `MappingError` naming the directive (Segment fails the event
 *   too, with JSON.parse's SyntaxError). The message does not quote the text: it is event data.
 */
import { describeKind } from '../json-value.js'
import { isFalsyLiteral, readOptions, requireOption } from '../directive-options.js'
import type { DirectiveCompiler } from '../resolver.js'

export const compileJsonDirective: DirectiveCompiler = (options, site, compile) => {
  const opts = readOptions(options, site, ['mode', 'value'])
  const mode = requireOption(opts, 'mode', site)
  if (mode !== 'encode' && mode !== 'decode') {
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
  return (payload) => {
    const resolved = value(payload)
    if (typeof resolved !== 'string') return resolved
    try {
      return JSON.parse(resolved) as unknown
    } catch {
      throw site.error(`cannot decode: the value is a string of ${resolved.length} characters that is not valid JSON`)
    }
  }
}
