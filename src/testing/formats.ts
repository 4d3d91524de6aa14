/**
 * Strings for JSON Schema `format`s: realistic most of the time (a person's address at a
 * company's domain), fast-check's exhaustive generators the rest of the time.
 */
import fc from 'fast-check'
import { SchemaError } from '../schemas/segment/schema-error.js'
import { once } from './memo.js'
import { isoDateArbitrary, isoDateTimeArbitrary } from './timestamps.js'

// ASCII only: JSON Schema's `email` format (as ajv-formats checks it) takes no other letters.
const firstNames = ['peter', 'grace', 'soren', 'amara', 'juergen', 'mei', 'carlos', 'fatima', 'ola', 'kim']
const lastNames = [
  'gibbons',
  'hopper',
  'kierkegaard',
  'okafor',
  'mueller',
  'tanaka',
  'silva',
  'haddad',
  'nordmann',
  'lee'
]
const domains = [
  'example.com',
  'initech.com',
  'globex.io',
  'acme.co.uk',
  'piedpiper.com',
  'umbrella-corp.net',
  'segment.com'
]

function realisticDomainArbitrary(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...domains) }, { weight: 1, arbitrary: fc.domain() })
}

function realisticEmailArbitrary(): fc.Arbitrary<string> {
  return fc
    .record({
      first: fc.constantFrom(...firstNames),
      separator: fc.constantFrom('.', '_', '', '+'),
      last: fc.constantFrom(...lastNames),
      domain: realisticDomainArbitrary()
    })
    .map(({ first, separator, last, domain }) => `${first}${separator}${last}@${domain}`)
}

function realisticUrlArbitrary(): fc.Arbitrary<string> {
  return fc
    .record({
      scheme: fc.constantFrom('https', 'http'),
      domain: realisticDomainArbitrary(),
      path: fc.constantFrom('', '/', '/pricing', '/academy/', '/blog/2024/launch', '/avatars/42.png')
    })
    .map(({ scheme, domain, path }) => `${scheme}://${domain}${path}`)
}

const generators: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': isoDateTimeArbitrary,
  date: isoDateArbitrary,
  email: once(() =>
    fc.oneof({ weight: 3, arbitrary: realisticEmailArbitrary() }, { weight: 1, arbitrary: fc.emailAddress() })
  ),
  uri: once(() => fc.oneof({ weight: 3, arbitrary: realisticUrlArbitrary() }, { weight: 1, arbitrary: fc.webUrl() })),
  hostname: once(realisticDomainArbitrary),
  uuid: once(() => fc.uuid()),
  ipv4: once(() => fc.ipV4()),
  ipv6: once(() => fc.ipV6())
}

/** The formats `formatArbitrary` knows. */
export const supportedFormats: readonly string[] = Object.keys(generators)

/** Strings valid for a JSON Schema `format`; a SchemaError for a format it does not know. */
export function formatArbitrary(format: string, location = '#/format'): fc.Arbitrary<string> {
  const generator = Object.prototype.hasOwnProperty.call(generators, format) ? generators[format] : undefined
  if (generator === undefined) {
    throw new SchemaError(
      'schema',
      location,
      `no generator for format "${format}" (known: ${supportedFormats.join(', ')})`
    )
  }
  return generator()
}
