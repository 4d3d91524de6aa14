/**
 * The per-item outcomes of a batch whose response names the items that failed (`failures` in the
 * `.map`), by their index in the request or by a key they sent, and possibly says how many failed
 * (`failed`). Every item gets one report, and no item the response may have failed is reported
 * delivered: when the response reports a failure it does not attribute to an item (an entry
 * whose index or key names none, a list that is not one, more failures counted than listed),
 * every item it does not name is retried.
 */
import type { ItemReport } from './contract.js'
import { readKey } from './lib/path.js'

/** The status of an entry that gives none (or one that is not an error status): a rejection. */
const DEFAULT_STATUS = 400
/** The status an unattributed item is reported with: one every backend retries. */
export const UNATTRIBUTED_STATUS = 500

const INDEX_TEXT = /^(0|[1-9][0-9]{0,15})$/

/** An item's position from a number or a numeric string (HubSpot echoes ids as text), if in range. */
function indexOf(value: unknown, count: number): number | undefined {
  const index = typeof value === 'number' ? value : typeof value === 'string' && INDEX_TEXT.test(value) ? Number(value) : undefined
  return index !== undefined && Number.isInteger(index) && index >= 0 && index < count ? index : undefined
}

/** Keys compare as text, so that a key sent as a number matches the same key echoed as a string. */
function keyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

function statusOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599 ? value : DEFAULT_STATUS
}

/** The items each entry names: by `index`, or else by `key` among the items' keys. */
function itemsNamed(entry: unknown, count: number, keys: readonly (string | undefined)[] | undefined): number[] {
  const index = indexOf(readKey(entry, 'index'), count)
  if (index !== undefined) return [index]
  const key = keyText(readKey(entry, 'key'))
  if (key === undefined || keys === undefined) return []
  const named: number[] = []
  keys.forEach((k, i) => {
    if (k === key) named.push(i)
  })
  return named
}

/**
 * `failures`: the list the response gives (absent or null: none); `failed`: the number it
 * reports (absent or null: not said); `keys`: one key per item, in order, when entries name
 * items by key. The first entry that names an item gives its status and message.
 */
export function itemFailures(failures: unknown, failed: unknown, keys: unknown, count: number): ItemReport[] {
  const reports: (ItemReport | undefined)[] = new Array<ItemReport | undefined>(count).fill(undefined)
  const itemKeys = Array.isArray(keys) && keys.length === count ? keys.map(keyText) : undefined
  const problems: string[] = []
  let entries: readonly unknown[] = []
  if (Array.isArray(failures)) entries = failures
  else if (failures !== undefined && failures !== null) problems.push('its list of failures is not a list')

  let unnamed = 0
  for (const entry of entries) {
    const named = itemsNamed(entry, count, itemKeys)
    if (named.length === 0) {
      unnamed++
      continue
    }
    const message = readKey(entry, 'message')
    const report: ItemReport = { status: statusOf(readKey(entry, 'status')), ...(typeof message === 'string' ? { message } : {}) }
    for (const i of named) reports[i] ??= report
  }
  if (unnamed > 0) problems.push(`${unnamed} of its ${entries.length} failures name${unnamed === 1 ? 's' : ''} no item of the batch`)
  if (failed !== undefined && failed !== null) {
    if (typeof failed !== 'number' || !Number.isInteger(failed) || failed < 0) problems.push('its count of failures is not a whole number')
    else if (failed > entries.length) problems.push(`it counts ${failed} failures and lists ${entries.length}`)
  }

  const reason = problems.length > 0 ? `the response reports failures it does not attribute to items (${problems.join('; ')})` : undefined
  return reports.map((report) => report ?? (reason === undefined ? { status: 200 } : { status: UNATTRIBUTED_STATUS, message: reason, unattributed: true }))
}
