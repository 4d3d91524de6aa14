/**
 * The result pane: what the chosen action makes of the event. Trigger, payload (validation
 * errors listed at their fields, each linking to the field's .map line), the requests as they
 * are sent (secrets already redacted by the server), what came back, per-item outcomes of a
 * batch, and the emulator's records after a send.
 */
import type { Run } from './api.js'

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (className) e.className = className
  if (text !== undefined) e.textContent = text
  return e
}

function json(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

function byId(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement
}

function lineLink(line: number, onLine: (line: number) => void): HTMLAnchorElement {
  const a = element('a', 'map-line', `.map ${line}`)
  a.href = '#'
  a.dataset['mapLine'] = String(line)
  a.addEventListener('click', (e) => {
    e.preventDefault()
    onLine(line)
  })
  return a
}

export function renderRun(run: Run, kind: 'dry run' | 'send' | 'batch', onLine: (line: number) => void): void {
  const trigger = byId('trigger')
  const fired = element('div', run.trigger.fired ? 'fired' : 'not-fired', run.trigger.fired ? 'trigger fired' : 'trigger did not fire')
  fired.id = 'trigger-result'
  trigger.replaceChildren(element('h3', undefined, `Trigger of ${run.action}`), element('code', undefined, run.trigger.fql ?? '(none: any event the destination accepts)'), fired)
  for (const preset of run.trigger.presets) {
    trigger.append(element('div', preset.fired ? 'preset fired' : 'preset not-fired', `preset “${preset.title}” (${preset.fql}): ${preset.fired ? 'fires' : 'does not fire'}`))
  }

  byId('payload').textContent = run.payload === undefined ? '' : json(run.payload)
  const validation = byId('validation')
  validation.replaceChildren(
    ...run.validation.map((issue) => {
      const item = element('li', 'invalid')
      item.dataset['field'] = issue.field
      item.append(element('code', undefined, issue.field === '' ? '(payload)' : issue.field), ' ', issue.message)
      if (issue.line !== undefined) item.append(' ', lineLink(issue.line, onLine))
      return item
    })
  )
  const skipped = byId('skipped')
  skipped.replaceChildren()
  if (run.skipped) skipped.append(element('div', 'skipped', `skipped: ${run.skipped.reason}`), lineLink(run.skipped.line, onLine))

  byId('requests-title').textContent = kind === 'dry run' ? 'Requests (dry run: answered by an in-process emulator, nothing sent)' : kind === 'send' ? 'Requests sent' : 'Batch requests sent'
  const requests = byId('requests')
  requests.replaceChildren(
    ...run.requests.map((r) => {
      const box = element('div', 'request')
      const head = element('div', 'request-line')
      head.append(element('strong', 'method', r.method), ' ', element('span', 'url', r.url))
      if (r.line !== undefined) head.append(' ', lineLink(r.line, onLine))
      box.append(head)
      const headers = element('table', 'headers')
      for (const [name, value] of Object.entries(r.headers)) {
        const row = element('tr')
        row.append(element('th', undefined, name), element('td', undefined, value))
        headers.append(row)
      }
      box.append(headers)
      if (r.body !== undefined) box.append(element('pre', 'json body', json(r.body)))
      if (r.response) {
        box.append(element('div', r.response.status < 300 ? 'response ok' : 'response failed', `→ ${r.response.status}`))
        if (r.response.body !== undefined && r.response.body !== '') box.append(element('pre', 'json response-body', json(r.response.body)))
      }
      if (r.error) box.append(element('div', 'response failed', `${r.error.code}: ${r.error.message}`))
      return box
    })
  )
  if (run.requests.length === 0) requests.append(element('div', 'muted', run.trigger.fired ? 'no requests' : 'no requests: the trigger did not fire'))

  const outcome = byId('outcome')
  outcome.replaceChildren()
  if (run.note) outcome.append(element('div', 'note', run.note))
  if (run.outcome) {
    const o = element('div', `outcome ${run.outcome.status}`, `${kind === 'dry run' ? 'dry run' : 'delivery'}: ${run.outcome.status}`)
    o.id = 'outcome-status'
    outcome.append(o)
    if (run.outcome.reason) outcome.append(element('div', undefined, run.outcome.reason))
    if (run.outcome.error) outcome.append(element('pre', 'error', `${run.outcome.error.code}: ${run.outcome.error.message}`))
  }
  if (run.items) {
    const table = element('table', 'items')
    table.id = 'batch-items'
    const header = element('tr')
    header.append(element('th', undefined, '#'), element('th', undefined, 'messageId'), element('th', undefined, 'outcome'), element('th', undefined, 'detail'))
    table.append(header)
    run.items.forEach((item, i) => {
      const row = element('tr', `item ${item.status}`)
      row.append(element('td', undefined, String(i + 1)), element('td', undefined, item.messageId ?? ''), element('td', undefined, item.status), element('td', undefined, item.reason ?? (item.error ? `${item.error.code}: ${item.error.message}` : '')))
      table.append(row)
    })
    outcome.append(element('h3', undefined, `Batch: ${run.items.length} items`), table)
  }

  const records = byId('records-block')
  records.hidden = run.records === undefined
  if (run.records !== undefined) byId('records').textContent = json(run.records)
}
