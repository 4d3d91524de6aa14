/**
 * Every text a caller could print about a delivery: results as JSON, each error's message,
 * stack, `toJSON()` and string form. Tests search it for secrets.
 */
import type { DeliveryResult } from '../../../../src/runtime/delivery/results.js'

export function printableTexts(results: readonly DeliveryResult[], extra: readonly unknown[] = []): string[] {
  const texts = [JSON.stringify(results)]
  for (const result of results) {
    if (result.status !== 'failed') continue
    const { error } = result
    texts.push(error.message, error.stack ?? '', JSON.stringify(error.toJSON()), String(error))
  }
  for (const value of extra) texts.push(value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : JSON.stringify(value))
  return texts
}

/** The spellings a secret leaks in: as is, percent-encoded, base64 (whole, and inside `user:secret`). */
export function secretSpellings(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(`user:${secret}`).toString('base64').slice(8)]
}

export function expectNoSecret(texts: readonly string[], secrets: readonly string[]): void {
  for (const text of texts) {
    for (const secret of secrets) {
      for (const spelling of secretSpellings(secret)) {
        if (text.includes(spelling)) throw new Error(`a secret leaked as ${JSON.stringify(spelling)} in: ${text.slice(0, 300)}`)
      }
    }
  }
}
