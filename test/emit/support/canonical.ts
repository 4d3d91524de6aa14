/**
 * A value as text that tells apart everything two implementations could get wrong while
 * JSON.stringify would hide it: own keys whose value is undefined, key order, -0, NaN, holes,
 * non-plain prototypes, a `__proto__` own key versus a changed prototype.
 */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value)
  if (Array.isArray(value)) {
    const items: string[] = []
    for (let i = 0; i < value.length; i++) items.push(i in value ? canonical(value[i]) : '<hole>')
    return `[${items.join(',')}]`
  }
  const proto = Object.getPrototypeOf(value) as unknown
  const tag = proto === Object.prototype || proto === null ? '' : `<${Object.prototype.toString.call(value)} ${String((proto as { constructor?: { name?: string } }).constructor?.name)}>`
  const entries = Reflect.ownKeys(value).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor
    const shown = typeof key === 'symbol' ? key.toString() : JSON.stringify(key)
    return `${shown}${descriptor.enumerable ? '' : '(hidden)'}:${'value' in descriptor ? canonical(descriptor.value) : '<accessor>'}`
  })
  return `${tag}{${entries.join(',')}}`
}
