/**
 * A finite number in positional notation (`0.00000015`, not `1.5e-7`): FQL's lexer reads digits,
 * one `.` and a leading sign, no exponent. The digits are those of JavaScript's shortest
 * round-trip form, only the point moves, so `Number(plainDecimal(x)) === x`.
 */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`plainDecimal: ${value} is not finite`)
  const text = String(value)
  const exponential = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (exponential === null) return text
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = exponential
  const digits = whole + fraction
  const point = whole.length + Number(exponent)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}
