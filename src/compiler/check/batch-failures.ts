/**
 * A batch's `failures`, `failed` and `keys`: the items the response names as failed, how many it
 * says failed, and the key each item is matched on. The expressions are checked like any other
 * (paths into the response against the endpoint's `x-mapc-response`); here, that they make a
 * list of `{ index | key, status?, message? }`, a number and a list.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import { didYouMean } from '../diagnostics/suggest.js'
import type { ExprIR } from '../ir.js'
import { display, members, present, type Type } from './types.js'

type Report = (d: Diagnostic) => void

export const FAILURE_KEYS = ['index', 'key', 'status', 'message'] as const

/** The kinds each key of an entry may take, besides absent and null (which leave it unsaid). */
const KEY_KINDS: Record<(typeof FAILURE_KEYS)[number], { kinds: readonly Type['kind'][]; what: string }> = {
  index: { kinds: ['number', 'string'], what: 'a number or a numeric string' },
  key: { kinds: ['number', 'string'], what: 'a string or a number' },
  status: { kinds: ['number'], what: 'a number' },
  message: { kinds: ['string'], what: 'text' }
}

function fits(type: Type, kinds: readonly Type['kind'][]): boolean {
  return members(present(type, true)).every((m) => m.kind === 'any' || m.kind === 'never' || kinds.includes(m.kind))
}

/** The object literal that makes each entry, when the list is written out: `[for e in …: { … }]` or `[{ … }]`. */
function entryLiterals(expr: ExprIR): Extract<ExprIR, { kind: 'object' }>[] {
  if (expr.kind === 'for') return expr.body.kind === 'object' ? [expr.body] : []
  if (expr.kind === 'array') return expr.items.filter((i): i is Extract<ExprIR, { kind: 'object' }> => i.kind === 'object')
  if (expr.kind === 'binary' && expr.operator === '??') return [...entryLiterals(expr.left), ...entryLiterals(expr.right)]
  return []
}

function checkEntryLiteral(entry: Extract<ExprIR, { kind: 'object' }>, hasKeys: boolean, report: Report): void {
  const given = new Set<string>()
  let spread = false
  let misspelt = false
  for (const e of entry.entries) {
    if (e.kind === 'spread') {
      spread = true
      continue
    }
    const span = e.keySource ?? e.value.source
    const allowed = KEY_KINDS[e.key as (typeof FAILURE_KEYS)[number]] as (typeof KEY_KINDS)['index'] | undefined
    if (!Object.prototype.hasOwnProperty.call(KEY_KINDS, e.key) || !allowed) {
      report(
        diagnostic('MAPC3050', span, `an item failure has no \`${e.key}\``, {
          hint: didYouMean(e.key, FAILURE_KEYS) ?? `an item failure takes ${FAILURE_KEYS.map((k) => `\`${k}\``).join(', ')}`
        })
      )
      misspelt = true
      continue
    }
    given.add(e.key)
    if (!fits(e.value.type, allowed.kinds)) {
      report(diagnostic('MAPC3050', e.value.source, `an item failure's \`${e.key}\` is ${allowed.what}, not ${display(e.value.type)}`))
    }
    if (e.key === 'key' && !hasKeys) {
      report(
        diagnostic('MAPC2050', span, 'an item failure names its item by `key`, but the batch gives no `keys` to match it against', {
          hint: 'add `keys [for item in batch: item.<the field the API echoes>]`, one key per item'
        })
      )
    }
  }
  // A misspelt key was most likely the `index` or `key`: it is reported once, above.
  if (!spread && !misspelt && !given.has('index') && !given.has('key')) {
    report(
      diagnostic('MAPC3050', entry.source, 'an item failure names no item: give it an `index` or a `key`', {
        hint: 'without one, no failure names an item, and every item of the batch is retried'
      })
    )
  }
}

/** A list given some other way (`failures response.errors`): its entries' declared keys. */
function checkEntryType(list: ExprIR, report: Report): void {
  for (const m of members(present(list.type, true))) {
    if (m.kind !== 'array') continue
    for (const item of members(present(m.items, true))) {
      if (item.kind === 'any' || item.kind === 'never') continue
      if (item.kind !== 'object') {
        report(diagnostic('MAPC3050', list.source, `\`failures\` is a list of objects, not of ${display(item)}`))
        return
      }
      const declared = Object.keys(item.props)
      if (item.rest.kind === 'never' || declared.length > 0) {
        if (!declared.includes('index') && !declared.includes('key')) {
          report(
            diagnostic('MAPC3050', list.source, `the entries of \`failures\` have no \`index\` or \`key\` (they have ${declared.map((k) => `\`${k}\``).join(', ') || 'no keys'})`, {
              hint: 'map them: `[for e in …: { index: e.<its index>, message: e.<its message> }]`'
            })
          )
          return
        }
      }
    }
  }
}

export function checkFailures(failures: ExprIR, hasKeys: boolean, report: Report): void {
  const listed = members(present(failures.type, true))
  if (!listed.every((m) => m.kind === 'array' || m.kind === 'any' || m.kind === 'never')) {
    report(diagnostic('MAPC3050', failures.source, `\`failures\` must be a list of item failures, not ${display(failures.type)}`))
    return
  }
  const literals = entryLiterals(failures)
  if (literals.length > 0) literals.forEach((entry) => checkEntryLiteral(entry, hasKeys, report))
  else checkEntryType(failures, report)
}

export function checkFailedCount(failed: ExprIR, report: Report): void {
  if (!fits(failed.type, ['number'])) {
    report(diagnostic('MAPC3050', failed.source, `\`failed\` is the number of items the response says failed, not ${display(failed.type)}`))
  }
}

export function checkKeys(keys: ExprIR, report: Report): void {
  const listed = members(present(keys.type, true))
  const fitsList = listed.every((m) => m.kind === 'any' || m.kind === 'never' || (m.kind === 'array' && fits(m.items, ['string', 'number'])))
  if (!fitsList) {
    report(
      diagnostic('MAPC3050', keys.source, `\`keys\` is a list of one string or number per item, not ${display(keys.type)}`, {
        hint: 'write `keys [for item in batch: item.<field>]`'
      })
    )
  }
}
