/**
 * Paths into user-written data (a mapping, a config file), printed the way users write them:
 * `traits.email`, `items[0]`, `properties["Order ID"]`.
 */
import type { PathKey } from '../lib/path.js'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

export function formatValuePath(keys: readonly PathKey[]): string {
  let text = ''
  for (const key of keys) {
    if (typeof key === 'number') text += `[${key}]`
    else if (IDENTIFIER.test(key)) text += text === '' ? key : `.${key}`
    else text += `[${JSON.stringify(key)}]`
  }
  return text === '' ? '(root)' : text
}
