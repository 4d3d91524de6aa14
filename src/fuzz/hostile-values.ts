/**
 * Strings an attacker (or a careless source) puts wherever text goes: what ends a JavaScript
 * string, comment, template or line in generated code, what a URL parser or a template engine
 * reads as syntax, and names the prototype chain gives meaning to. The injection payloads call
 * the canary (canary.ts), so that text that ran as code is seen, not guessed.
 */
import type { Random } from './random.js'

/** The global function an injected payload calls; installGuards puts it on globalThis. */
export const CANARY = '__mapcFuzzCanary'

/** Each closes one kind of JavaScript context and calls the canary. */
export const INJECTION_PAYLOADS: readonly string[] = [
  `"); globalThis.${CANARY}("double-quote"); ("`,
  `'); globalThis.${CANARY}('single-quote'); ('`,
  `\`+globalThis.${CANARY}("backtick")+\``,
  `\${globalThis.${CANARY}("template")}`,
  `*/ globalThis.${CANARY}("block-comment"); /*`,
  `\n globalThis.${CANARY}("newline"); //`,
  `\r globalThis.${CANARY}("carriage-return"); //`,
  `\u2028globalThis.${CANARY}("line-separator")//`,
  `\u2029globalThis.${CANARY}("paragraph-separator")//`,
  `\\"); globalThis.${CANARY}("backslash"); //`,
  `"]; globalThis.${CANARY}("bracket"); //`,
  `"}; globalThis.${CANARY}("brace"); //`,
  `</script><script>globalThis.${CANARY}("html")</script>`,
  `"+globalThis.${CANARY}("concat")+"`,
  `\` + globalThis.${CANARY}("tpl-concat") + \``,
  `-->\nglobalThis.${CANARY}("html-comment")`,
  `{{ globalThis.${CANARY}("liquid") }}`,
  `#{globalThis.${CANARY}("ruby")}`,
  `\\u0022); globalThis.${CANARY}("unicode-escape"); //`,
  `globalThis.__mapcFuzzInjected = true`
]

/** Text that is hard on parsers, encoders and key lookups, without being a payload. */
export const HOSTILE_TEXT: readonly string[] = [
  '',
  ' ',
  '"',
  "'",
  '`',
  '\\',
  '\\\\',
  '${',
  '${x}',
  '*/',
  '/*',
  '//',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u202E',
  '\uD800',
  '\uDFFF',
  '😀',
  'é',
  'Ω≈ç√',
  '{',
  '}',
  '{{',
  '}}',
  '{{ settings.apiKey }}',
  '%',
  '%00',
  '%2e%2e',
  '..',
  '.',
  '/',
  '?',
  '#',
  '&',
  '=',
  '@',
  '<script>',
  '&amp;',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'then',
  'undefined',
  'null',
  'NaN',
  '-0',
  '1e309',
  '0x10',
  '$.traits.email'
]

/** One hostile string: a payload, hostile text, a mix of them, or a very long one. */
export function hostileString(random: Random): string {
  const roll = random.int(10)
  if (roll < 4) return random.pick(INJECTION_PAYLOADS)
  if (roll < 7) return random.pick(HOSTILE_TEXT)
  if (roll < 9) return `${random.pick(HOSTILE_TEXT)}${random.pick(INJECTION_PAYLOADS)}${random.pick(HOSTILE_TEXT)}`
  return longString(random)
}

/** A string of thousands of characters, ASCII or not: sizes where quadratic work and giant patterns show. */
export function longString(random: Random): string {
  const unit = random.pick(['a', 'é', '😀', 'ab_', '\\', '"', '.', '%2e'])
  return unit.repeat(random.pick([256, 4096, 12_000, 30_000]))
}

/** A name as an identifier could spell it: plain, prototype-ish, or very long. */
export function hostileName(random: Random): string {
  const roll = random.int(6)
  if (roll === 0) return random.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then'])
  if (roll === 1) return `n${'x'.repeat(random.pick([300, 5000, 20_000]))}`
  if (roll === 2) return random.pick(['$', '_', 'default', 'class', 'import', 'eval', 'arguments', 'await', 'yield', 'let', 'static'])
  return `n${random.int(1000)}_${random.pick(['a', 'B', 'snake_case', 'camelCase'])}`
}
