/**
 * The leak oracle: does a text give a secret away? It does when the secret is in it in any
 * spelling of secret-encodings.ts, or in what a reader gets by decoding it (JSON escapes, HTML
 * character references and percent-encoding, each up to three times over, in any order), or in
 * the base64 of it at any byte offset. Written independently of the runtime's redactor, which
 * it checks.
 */
import { decodeHTML } from 'entities'
import { SECRET_ENCODINGS } from './secret-encodings.js'

const JSON_SIMPLE: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

function jsonUnescaped(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|["\\/bfnrt])/g, (_, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (JSON_SIMPLE[escape] ?? escape)
  )
}

/** Runs of percent-escapes decoded as UTF-8 where they form it; `plus` reads `+` as a space (forms). */
function percentDecoded(text: string, plus: boolean): string {
  const source = plus ? text.replace(/\+/g, ' ') : text
  return source.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8')
    }
  })
}

const DECODERS: readonly ((text: string) => string)[] = [jsonUnescaped, decodeHTML, (t) => percentDecoded(t, false), (t) => percentDecoded(t, true)]

/** The text and what decoding it one to three times gives (each decoder, in every order). */
export function decodings(text: string, depth = 3): string[] {
  const seen = new Set([text])
  let layer = [text]
  for (let d = 0; d < depth; d++) {
    const next: string[] = []
    for (const t of layer) {
      if (!/[\\&%+]/.test(t)) continue
      for (const decode of DECODERS) {
        const decoded = decode(t)
        if (!seen.has(decoded)) {
          seen.add(decoded)
          next.push(decoded)
        }
      }
    }
    layer = next
  }
  return [...seen]
}

/** The base64 text of the secret's bytes at each of the three byte offsets, trimmed to the characters its bytes alone decide. */
function base64Runs(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const runs: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    const encoded = padded.toString('base64')
    const first = Math.ceil((offset * 8) / 6)
    const last = Math.floor(((offset + bytes.length) * 8) / 6)
    const run = encoded.slice(first, last)
    runs.push(run, run.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return runs
}

/** Which spelling of the secret the text holds (`raw`, `json-twice`, `decoded`, `base64`…), or undefined. */
export function leakIn(text: string, secret: string): string | undefined {
  if (secret.length < 8) throw new Error('leakIn: secrets under 8 characters would be found by chance')
  for (const [name, encode] of Object.entries(SECRET_ENCODINGS)) {
    const form = encode(secret)
    if (form !== undefined && form.length > 0 && text.includes(form)) return name
  }
  if (/[\\&%+]/.test(text)) {
    for (const decoded of decodings(text)) if (decoded.includes(secret)) return 'decoded'
  }
  for (const run of base64Runs(secret)) if (run.length >= 8 && text.includes(run)) return 'base64'
  return undefined
}
