/**
 * A short view of what the emulators hold after the demo: how many records of each kind, and a
 * few of them with their links (a Person and its Users, a Workspace and its Company), read from
 * the same state `GET /__emulator/state` returns.
 */
import type { EmulatorState } from '../emulators/index.js'

type Values = Record<string, unknown>
interface AttioRecord {
  id: { record_id: string }
  values: Values
}
interface Reference {
  target_record_id: string | null
  referenced_as?: string
}
interface MatildaRecord {
  id: string
  values: Values
}

const SHOWN = 2

export function describeState(attio: EmulatorState, schematic: EmulatorState, matilda: EmulatorState): string {
  return [describeAttio(attio), describeSchematic(schematic), describeMatilda(matilda)].join('\n')
}

function describeAttio(state: EmulatorState): string {
  const objects = state['objects'] as Record<string, AttioRecord[]>
  const people = objects['people'] ?? []
  const users = objects['users'] ?? []
  const companies = objects['companies'] ?? []
  const workspaces = objects['workspaces'] ?? []
  const dropped = (state['dropped'] as unknown[]).length
  const lines = [`Attio      ${count(people, 'person', 'people')} · ${count(users, 'user')} · ${count(companies, 'company', 'companies')} · ${count(workspaces, 'workspace')} · ${dropped} batch assertions dropped`]
  const byPerson = (p: AttioRecord) => users.filter((u) => (u.values['person'] as Reference | undefined)?.target_record_id === p.id.record_id)
  for (const person of [...people].sort((a, b) => byPerson(b).length - byPerson(a).length).slice(0, SHOWN)) {
    const linked = byPerson(person).map((u) => String(u.values['user_id']))
    lines.push(`  person     ${list(person.values['email_addresses'])} ${quoted(person.values['name'])}← users ${linked.join(', ') || '(none)'}`)
  }
  for (const workspace of workspaces.slice(0, SHOWN)) {
    const company = companies.find((c) => c.id.record_id === (workspace.values['company'] as Reference | undefined)?.target_record_id)
    const members = ((workspace.values['users'] as Reference[] | undefined) ?? []).map((r) => r.referenced_as ?? r.target_record_id)
    lines.push(`  workspace  ${String(workspace.values['workspace_id'])} → company ${company ? list(company.values['domains']) : '(none)'}; users ${members.join(', ') || '(none)'}`)
  }
  return lines.join('\n')
}

function describeSchematic(state: EmulatorState): string {
  const events = state['events'] as { type: string; event?: string; body: { traits?: Values; user?: Values; keys?: Values } }[]
  const tracks = events.filter((e) => e.type === 'track')
  const lines = [
    `Schematic  ${count(events, 'event')} (${tracks.length} track, ${events.length - tracks.length} identify) · ${count(state['users'] as unknown[], 'user')} · ${count(state['companies'] as unknown[], 'company', 'companies')}`
  ]
  const names = new Map<string, { raw: unknown; n: number }>()
  for (const t of tracks) names.set(String(t.event), { raw: t.body.traits?.['raw_event_name'], n: (names.get(String(t.event))?.n ?? 0) + 1 })
  for (const [name, { raw, n }] of [...names].slice(0, SHOWN + 1)) lines.push(`  track      ${name} ×${n} (trait raw_event_name ${JSON.stringify(raw)})`)
  return lines.join('\n')
}

function describeMatilda(state: EmulatorState): string {
  const objects = state['objects'] as Record<string, MatildaRecord[]>
  const people = objects['people'] ?? []
  const users = objects['users'] ?? []
  const companies = objects['companies'] ?? []
  const workspaces = objects['workspaces'] ?? []
  const activities = state['activities'] as { event: string; user: Values; workspace?: Values; user_record_id: string | null }[]
  const lines = [`Matilda    ${count(people, 'person', 'people')} · ${count(users, 'user')} · ${count(companies, 'company', 'companies')} · ${count(workspaces, 'workspace')} · ${count(activities, 'activity', 'activities')}`]
  const byPerson = (p: MatildaRecord) => users.filter((u) => u.values['person_id'] === p.id)
  for (const person of [...people].sort((a, b) => byPerson(b).length - byPerson(a).length).slice(0, SHOWN)) {
    lines.push(`  person     ${String(person.values['email'])} ← users ${byPerson(person).map((u) => String(u.values['external_id'])).join(', ') || '(none)'}`)
  }
  for (const workspace of workspaces.slice(0, SHOWN)) {
    const company = companies.find((c) => c.id === workspace.values['company_id'])
    lines.push(`  workspace  ${String(workspace.values['external_id'])} (${String(workspace.values['domain'])}) → company ${company ? String(company.values['domain']) : '(none)'}`)
  }
  const attributed = activities.filter((a) => a.user_record_id !== null).length
  lines.push(`  activities ${attributed} of ${activities.length} attributed to a User${activities[0] ? `; e.g. "${activities[0].event}" by ${String(activities[0].user['external_id'] ?? activities[0].user['email'])}` : ''}`)
  return lines.join('\n')
}

function count(items: readonly unknown[], one: string, many = `${one}s`): string {
  return `${items.length} ${items.length === 1 ? one : many}`
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value)
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}" ` : ''
}
