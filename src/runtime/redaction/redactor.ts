/**
 * Redaction: the one gate every error message, log line and verbose output passes through
 * before it leaves the process.
 */
import { carriesAuthScheme, isSensitiveName } from './sensitive-names.js'
import { secretForms } from './secret-forms.js'
import { decodedViews, decodeOnce, DECODING_PASSES, mayBeEncoded, type DecodedView, type EscapeKind } from './decoded-view.js'

export const REDACTED = '[REDACTED]'

/**
 * Secrets shorter than this are not replaced inside text. Replacing every "ab" would shred
 * messages beyond use and, worse, the pattern of masked spots would tell a reader the secret.
 * Such a secret is still masked wherever it sits in a sensitive header or key.
 */
export const MIN_REDACTABLE_SECRET_LENGTH = 4

export type HeaderInput = Headers | Record<string, string | readonly string[] | number | undefined>

export interface Redactor {
  /** `text` with every known secret, in any of its encoded forms, replaced by `[REDACTED]`. */
  redact(text: string): string
  /**
   * For text cut off at a size limit: redacts it and also drops a trailing fragment that could
   * be the start of a secret the cut split in two (which `redact` cannot recognise).
   */
  redactTruncated(text: string): string
  /** Header names kept; values of sensitive headers masked, the rest redacted as text. */
  redactHeaders(headers: HeaderInput): Record<string, string>
  /** A deep copy with strings redacted and values under sensitive keys masked; cycles cut. */
  redactValue(value: unknown): unknown
}

/** A span `[start, end)` of the text being redacted. */
type Span = readonly [number, number]

/**
 * For each prefix of `target`, the length of its longest proper border (a prefix that is also a
 * suffix): Knuth–Morris–Pratt's failure function, in O(length).
 */
function borders(target: string): Int32Array {
  const border = new Int32Array(target.length)
  for (let i = 1, k = 0; i < target.length; i++) {
    while (k > 0 && target[i] !== target[k]) k = border[k - 1] as number
    if (target[i] === target[k]) k++
    border[i] = k
  }
  return border
}

/** The smallest period of `target`: occurrences of it that overlap lie this far apart. */
function smallestPeriod(target: string): number {
  return target.length - ((borders(target)[target.length - 1] as number) ?? 0)
}

/**
 * Every occurrence of `target` in `text` (overlapping ones too), as spans of the original text
 * when `text` is a decoded view of it. indexOf, not a regular expression of every form: a
 * pattern grows with the secrets and fails outright ("too large") for a secret of some 24,000
 * characters, while this works for any length.
 *
 * A run of overlapping occurrences becomes one span, and is followed by comparing one period at
 * a time rather than by another search from each occurrence: for a repetitive secret in
 * repetitive text (`aaaa…` in `aaaa…`) that would compare the whole secret at every character,
 * work of text × secret. So each target costs a scan of the text, whatever it and the text hold.
 */
function findSpans(text: string, target: string, period: number, spans: Span[], view?: DecodedView): void {
  const tail = target.slice(target.length - period)
  for (let at = text.indexOf(target); at !== -1; ) {
    let end = at + target.length
    // The next occurrence that overlaps this one starts one period later: it adds the period's characters.
    while (text.startsWith(tail, end)) end += period
    spans.push(view === undefined ? [at, end] : [view.starts[at] as number, view.ends[end - 1] as number])
    at = text.indexOf(target, end - target.length + 1)
  }
}

/** The text with each run of overlapping spans replaced by one `[REDACTED]` (adjacent ones each by their own). */
function replaceSpans(text: string, spans: Span[]): string {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let out = ''
  let copied = 0
  let open: [number, number] | undefined
  for (const [start, end] of spans) {
    if (open !== undefined && start < open[1]) {
      open[1] = Math.max(open[1], end)
      continue
    }
    if (open !== undefined) {
      out += text.slice(copied, open[0]) + REDACTED
      copied = open[1]
    }
    open = [start, end]
  }
  if (open !== undefined) {
    out += text.slice(copied, open[0]) + REDACTED
    copied = open[1]
  }
  return out + text.slice(copied)
}

/**
 * The length of the longest tail of `text` that begins `form` without being all of it: what a
 * cut at a size limit may have left of a secret. Knuth–Morris–Pratt over the text's last
 * characters, in O(length of the form), however repetitive the two are.
 */
function startCut(text: string, form: string): number {
  const border = borders(form)
  let matched = 0
  for (let i = Math.max(0, text.length - form.length + 1); i < text.length; i++) {
    while (matched > 0 && text[i] !== form[matched]) matched = border[matched - 1] as number
    if (text[i] === form[matched]) matched++
    // A whole form here would have been redacted; keep the longest proper prefix that still fits.
    if (matched === form.length) matched = border[matched - 1] as number
  }
  return matched
}

/** `text` after `times` passes, each leaving escapes of kind `skip` as written (none skipped when absent). */
function decodedTimes(text: string, times: number, skip?: EscapeKind): string {
  let current = text
  for (let i = 0; i < times; i++) {
    const next = mayBeEncoded(current) ? decodeOnce(current, skip)?.text : undefined
    // A pass that decodes nothing leaves the same text for every pass after it.
    if (next === undefined) break
    current = next
  }
  return current
}

/**
 * What a secret looks like in the view after 1, 2, … passes: its forms, and the secret as the
 * passes left its own escape-like text (`%2B`, `&amp;`, `\"`). A pass decodes every kind of
 * escape at once, while a secret sits in layers of one kind: inside `b` layers of JSON
 * escaping, the first `b` passes peel those layers and decode the secret's own percent and HTML
 * escapes (which JSON escaping does not protect) but not its JSON ones; the passes after that
 * decode everything. So the secret after `b` passes that skip JSON (or HTML, for layers of HTML
 * escaping), then `k - b` full passes, for every `b` up to the view's `k` passes; `b = 0` is the
 * secret decoded as often as the view. Percent-encoding protects every escape character: no
 * layer of it decodes the secret early.
 */
function createTargetsByPass(secrets: readonly string[], forms: readonly string[]): string[][] {
  const targetsByPass: string[][] = []
  for (let k = 1; k <= DECODING_PASSES; k++) {
    const targets = new Set(forms)
    // A secret without escape-like text is itself in every view: among the forms already.
    for (const secret of secrets.filter(mayBeEncoded)) {
      for (let b = 0; b <= k; b++) {
        for (const layer of ['json', 'html'] as const) {
          const target = decodedTimes(decodedTimes(secret, b, layer), k - b)
          if (target.length >= MIN_REDACTABLE_SECRET_LENGTH) targets.add(target)
        }
      }
    }
    targetsByPass.push([...targets])
  }
  return targetsByPass
}

function headerEntries(headers: HeaderInput): Array<[string, string]> {
  if (headers instanceof Headers) return headerPairs(headers)
  const entries: Array<[string, string]> = []
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    entries.push([name, Array.isArray(value) ? value.join(', ') : String(value)])
  }
  return entries
}

function maskHeaderValue(name: string, value: string): string {
  if (carriesAuthScheme(name)) {
    const scheme = /^([A-Za-z][A-Za-z0-9-]*)\s+\S/.exec(value)
    if (scheme) return `${scheme[1]} ${REDACTED}`
  }
  return REDACTED
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  const forms = new Set<string>()
  const raw: string[] = []
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_REDACTABLE_SECRET_LENGTH) continue
    raw.push(secret)
    for (const form of secretForms(secret)) {
      if (form.length >= MIN_REDACTABLE_SECRET_LENGTH) forms.add(form)
    }
  }
  // Longest first, so that a trailing fragment of the longest form is the one cut (redactTruncated).
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  const targetsByPass = createTargetsByPass(raw, ordered)

  const periods = new Map<string, number>()
  const periodOf = (target: string): number => {
    let period = periods.get(target)
    if (period === undefined) periods.set(target, (period = smallestPeriod(target)))
    return period
  }

  const redact = (text: string): string => {
    if (ordered.length === 0 || text.length < MIN_REDACTABLE_SECRET_LENGTH) return text
    const spans: Span[] = []
    for (const form of ordered) if (form.length <= text.length) findSpans(text, form, periodOf(form), spans)
    if (mayBeEncoded(text)) {
      decodedViews(text).forEach((view, pass) => {
        for (const target of targetsByPass[pass] ?? ordered) if (target.length <= view.text.length) findSpans(view.text, target, periodOf(target), spans, view)
      })
    }
    return spans.length === 0 ? text : replaceSpans(text, spans)
  }

  const redactTruncated = (text: string): string => {
    const redacted = redact(text)
    let cut = 0
    for (const form of ordered) cut = Math.max(cut, startCut(redacted, form))
    return redacted.slice(0, redacted.length - cut)
  }

  const redactHeaders = (headers: HeaderInput): Record<string, string> => {
    const result: Record<string, string> = {}
    for (const [name, value] of headerEntries(headers)) {
      result[redact(name)] = isSensitiveName(name) ? maskHeaderValue(name, value) : redact(value)
    }
    return result
  }

  const redactValue = (value: unknown): unknown => redactDeep(value, redact, new WeakSet())

  return { redact, redactTruncated, redactHeaders, redactValue }
}

function redactDeep(value: unknown, redact: (text: string) => string, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value)
  if (value === null || typeof value !== 'object') return value
  if (ancestors.has(value)) return '[Circular]'
  if (value instanceof Date) return new Date(value.getTime())
  ancestors.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, ancestors))
    if (value instanceof Error) {
      // An Error's message and name are not own enumerable properties; carry them explicitly.
      return { name: redact(value.name), message: redact(value.message), ...redactEntries(value, redact, ancestors) }
    }
    if (value instanceof Headers) return redactEntries(Object.fromEntries(headerPairs(value)), redact, ancestors)
    return redactEntries(value, redact, ancestors)
  } finally {
    ancestors.delete(value)
  }
}

function redactEntries(
  value: object,
  redact: (text: string) => string,
  ancestors: WeakSet<object>
): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const maskable = typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint'
    const redactedKey = redact(key)
    const redactedItem = isSensitiveName(key) && maskable ? REDACTED : redactDeep(item, redact, ancestors)
    // defineProperty, not assignment: a key named `__proto__` must stay data, not become a prototype.
    Object.defineProperty(result, redactedKey, {
      value: redactedItem,
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return result
}

/** A Headers' pairs through `forEach`, which every Headers type declares (ES2020 libraries without the DOM's lack `entries`). */
function headerPairs(headers: Headers): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  headers.forEach((value, name) => pairs.push([name, value]))
  return pairs
}
