/**
 * The only way text from a `.map` file or a configuration reaches generated code.
 *
 * Strings become JSON string literals with the line and paragraph separators escaped (JSON allows
 * them raw, older JavaScript parsers did not, and editors render them as line breaks). Keys become
 * quoted property names, except `__proto__`, which must be a computed key to stay an own property.
 * Comments never contain `.map` text beyond a file name, which is sanitised here.
 */

/** A JavaScript string literal for any string. */
export function stringLiteral(value: string): string {
  return printable(JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'))
}

/**
 * JavaScript whose string literals ts-morph can print. Its code writer, which prints the generated
 * modules, follows strings with a one-character look-behind: in `"\\"` it takes the closing quote
 * for an escaped one, believes the string goes on, and later "closes" a block comment it imagines
 * by inserting `*\/` into the code. So no escaped backslash is ever written: `\\` becomes the
 * equivalent `\u005c`. Every backslash of valid generated code is inside a literal, so the pairs
 * matched here are escapes; for code from elsewhere (compiled triggers) as for our own literals.
 */
export function printable(code: string): string {
  return code.replace(/\\([\s\S])/g, (pair, next: string) => (next === '\\' ? '\\u005c' : pair))
}

/** A JavaScript expression for a JSON value (and `undefined`). */
export function valueLiteral(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot emit the number ${value}`)
    return Object.is(value, -0) ? '-0' : String(value)
  }
  if (typeof value === 'string') return stringLiteral(value)
  if (Array.isArray(value)) return `[${value.map(valueLiteral).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${propertyKey(k)}: ${valueLiteral(v)}`)
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  throw new Error(`cannot emit a value of type ${typeof value}`)
}

/** A property name in an object literal that always defines an own property. */
export function propertyKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]'
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key)
}

/** Text safe inside a `//` comment: one line, no comment terminators. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '*\\/')
}

/** Names that an object inherits from Object.prototype: reading them needs an own-property check. */
export function isInheritedName(name: string): boolean {
  return name in Object.prototype || name === '__proto__'
}

/** `p.name` where that is a plain own-property read, `own(p, "name")` otherwise. */
export function memberRead(object: string, key: string, ownHelper: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && !isInheritedName(key) ? `${object}.${key}` : `${ownHelper}(${object}, ${stringLiteral(key)})`
}
