/**
 * Values written into generated JavaScript. Everything a trigger author typed reaches generated
 * code through these functions, so a string can only ever be data: JSON quoting escapes quotes,
 * backslashes and control characters (NUL included); U+2028/U+2029 are escaped too, because older
 * parsers end a line at them. Template literals are never used, so `${` and backticks are inert.
 */

export function jsString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** A number literal that evaluates to exactly `value`, including `-0`, `NaN` and the infinities. */
export function jsNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '(-Infinity)'
  if (Object.is(value, -0)) return '(-0)'
  return value < 0 ? `(${String(value)})` : String(value)
}

export function jsStringArray(values: readonly string[]): string {
  return `[${values.map(jsString).join(', ')}]`
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' ')
)

/** Whether `name` can be used as a variable in generated code. */
export function isJsIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name)
}
