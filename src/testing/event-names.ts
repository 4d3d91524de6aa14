/**
 * Track event names as people write them: `Order Completed`, `order_completed`,
 * `checkout.started`, `Sign-up (v2)!`, `注文完了`, `!!!`. What a name-normalising function
 * (snake_case, slugs) has to survive.
 */
import fc from 'fast-check'
import { once } from './memo.js'

const words = [
  'Order',
  'Completed',
  'Signed',
  'Up',
  'Product',
  'Viewed',
  'Checkout',
  'Started',
  'page',
  'view',
  'API',
  'URL',
  'iOS',
  'OAuth',
  '2FA',
  'v2',
  '404',
  'XMLHttpRequest'
]

type Casing = 'as-is' | 'lower' | 'upper' | 'title' | 'camel' | 'alternating'

/** One of `common` most of the time, one of `rare` otherwise. */
function mostly<T>(common: readonly T[], rare: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...common) },
    { weight: 1, arbitrary: fc.constantFrom(...rare) }
  )
}

const separatorArbitrary = once(() => mostly([' ', '_', '.', ''], ['-', '  ', ':', '/', ' - ']))
const casingArbitrary = once(() => mostly<Casing>(['title', 'lower', 'as-is', 'upper', 'camel'], ['alternating']))
// Most names have nothing around them; some carry a sigil, a bracket, trailing punctuation or spaces.
const prefixArbitrary = once(() => mostly([''], ['$', '[', ' ', '#']))
const suffixArbitrary = once(() => mostly([''], ['!', '?', ')', ' ', '...', ' (v2)']))

function applyCasing(word: string, index: number, casing: Casing): string {
  switch (casing) {
    case 'as-is':
      return word
    case 'lower':
      return word.toLowerCase()
    case 'upper':
      return word.toUpperCase()
    case 'title':
      return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
    case 'camel':
      return index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
    case 'alternating':
      return [...word].map((char, i) => (i % 2 === 0 ? char.toLowerCase() : char.toUpperCase())).join('')
  }
}

function asciiNameArbitrary(): fc.Arbitrary<string> {
  const word = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...words) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,10}$/) }
  )
  return fc
    .record({
      words: fc.array(word, { minLength: 1, maxLength: 4 }),
      casing: casingArbitrary(),
      separator: separatorArbitrary(),
      prefix: prefixArbitrary(),
      suffix: suffixArbitrary()
    })
    .map(
      ({ words, casing, separator, prefix, suffix }) =>
        prefix + words.map((w, i) => applyCasing(w, i, casing)).join(separator) + suffix
    )
}

function unicodeNameArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      'Commande terminée',
      '注文完了',
      'Заказ оформлен',
      'Order ✅ Completed',
      'Ünïcödé 🦄',
      'عملية شراء',
      'Straße gewählt'
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
  )
}

const punctuation = [...'!?.,;:-_/\\()[]{}#$%&*+=~`^|@\'"<> ']

function punctuationOnlyArbitrary(): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...punctuation), minLength: 1, maxLength: 8 })
}

/**
 * Event names: ASCII words joined with spaces, underscores, dots or nothing, in every casing,
 * with punctuation around them; unicode names; names of punctuation only.
 */
export const eventNameArbitrary: () => fc.Arbitrary<string> = once(() => {
  return fc.oneof(
    { weight: 6, arbitrary: asciiNameArbitrary() },
    { weight: 2, arbitrary: unicodeNameArbitrary() },
    { weight: 1, arbitrary: punctuationOnlyArbitrary() }
  )
})
