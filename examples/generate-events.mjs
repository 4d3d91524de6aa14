// Writes examples/events.ndjson, the demo's sample stream (`npm start`): a few hundred Segment
// events of every type from a made-up product's users, deterministic (a fixed seed), including
// Engage audience identifies, identifies without an email address, groups without a domain and a
// few lines that are not events. Run `node examples/generate-events.mjs` after changing it.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

let seed = 20240501
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
const pick = (items) => items[Math.floor(random() * items.length)]

const companies = [
  { groupId: 'grp_acme', name: 'Acme Corp', website: 'acme.com', plan: 'enterprise' },
  { groupId: 'grp_globex', name: 'Globex', website: 'globex.com', plan: 'business' },
  { groupId: 'grp_initech', name: 'Initech', website: 'initech.io', plan: 'team' },
  { groupId: 'grp_umbrella', name: 'Umbrella', website: 'umbrella.co', plan: 'business' },
  { groupId: 'grp_hooli', name: 'Hooli', website: 'hooli.com', plan: 'enterprise' },
  { groupId: 'grp_vandelay', name: 'Vandelay Industries', website: 'vandelay.com', plan: 'team' },
  { groupId: 'grp_stark', name: 'Stark Industries', website: 'stark.com', plan: 'enterprise' },
  { groupId: 'grp_wayne', name: 'Wayne Enterprises', website: 'wayne.com', plan: 'business' }
]
const first = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'John', 'Radia', 'Linus', 'Hedy', 'Dennis', 'Katherine']
const last = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Backus', 'Perlman', 'Torvalds', 'Lamarr', 'Ritchie', 'Johnson']

const users = []
for (let i = 1; i <= 36; i++) {
  const company = companies[i % companies.length]
  const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`
  const email = `${name.toLowerCase().replace(' ', '.')}@${company.website}`
  users.push({ userId: `usr_${String(i).padStart(3, '0')}`, name, email, company, plan: pick(['free', 'pro', 'pro', 'team']) })
}
// One person behind two users (two products, one email address): one Person, two Users.
users.push({ ...users[0], userId: 'usr_101', plan: 'team' })
users.push({ ...users[1], userId: 'usr_102', plan: 'pro' })

let clock = Date.parse('2024-05-01T08:00:00.000Z')
let messages = 0
const event = (fields) => {
  clock += Math.floor(random() * 90_000) + 1000
  messages++
  const timestamp = new Date(clock).toISOString()
  return {
    messageId: `msg_${String(messages).padStart(4, '0')}`,
    timestamp,
    sentAt: new Date(clock + 120).toISOString(),
    receivedAt: new Date(clock + 250).toISOString(),
    context: { library: { name: 'analytics.js', version: '5.2.0' } },
    ...fields
  }
}
// analytics.js puts the user's group in context.groupId, where Schematic's default mapping reads the company key.
const identify = (u, traits = {}) =>
  event({ type: 'identify', userId: u.userId, traits: { email: u.email, name: u.name, plan: u.plan, ...traits }, context: { library: { name: 'analytics.js', version: '5.2.0' }, groupId: u.company.groupId } })
const track = (u, name, properties) =>
  event({ type: 'track', userId: u.userId, event: name, properties, context: { library: { name: 'analytics.js', version: '5.2.0' }, traits: { email: u.email }, groupId: u.company.groupId } })
const group = (u, c) => event({ type: 'group', userId: u.userId, groupId: c.groupId, traits: { name: c.name, website: c.website, plan: c.plan } })

const lines = []
const push = (value) => lines.push(typeof value === 'string' ? value : JSON.stringify(value))

for (const u of users) push(identify(u))
for (const c of companies) push(group(users.find((u) => u.company === c), c))
const products = ['Starter Kit', 'Pro Plan', 'Extra Seats', 'Support Add-on', 'API Credits']
for (let i = 0; i < 250; i++) {
  const u = pick(users)
  const kind = random()
  if (kind < 0.3) push(track(u, 'Product Viewed', { product: pick(products), price: pick([9, 29, 49, 99]) }))
  else if (kind < 0.45) push(track(u, 'Order Completed', { order_id: `ord_${1000 + i}`, total: pick([29, 58, 99, 149]), currency: 'USD' }))
  else if (kind < 0.6) push(track(u, 'Feature Used', { feature: pick(['export', 'sso', 'dashboards', 'alerts']) }))
  else if (kind < 0.7) push(track(u, 'Checkout Started', { cart_size: pick([1, 2, 3]) }))
  else if (kind < 0.82) push(event({ type: 'page', userId: u.userId, name: pick(['Home', 'Pricing', 'Docs', 'Blog']), properties: { path: pick(['/', '/pricing', '/docs', '/blog']) } }))
  else if (kind < 0.9) push(identify(u, { plan: pick(['pro', 'team', 'enterprise']) }))
  else push(group(u, u.company))
}
// Engage: an audience sync sends an Identify per user entering or leaving, the audience's
// snake_cased name as a boolean trait.
for (const u of users.slice(0, 14)) {
  const entered = random() < 0.7
  push({
    ...identify(u, { order_completed_last_30days: entered }),
    context: { groupId: u.company.groupId, personas: { computation_class: 'audience', computation_key: 'order_completed_last_30days', computation_id: 'aud_2fG8kL', space_id: 'spa_9xQ' } }
  })
}
// Identifies without an email address (anonymous trials): Attio's subscription does not fire for
// them, and Matilda needs an email to make a User: they are dead-lettered with the reason.
for (let i = 1; i <= 4; i++) push(event({ type: 'identify', userId: `usr_trial_${i}`, traits: { name: `Trial user ${i}`, plan: 'trial' } }))
// Groups without a domain: Attio's subscription does not fire, Matilda skips them (its .map says why).
for (let i = 1; i <= 3; i++) push(event({ type: 'group', userId: pick(users).userId, groupId: `grp_nodomain_${i}`, traits: { name: `Side project ${i}` } }))
// Aliases fire nothing: no destination has an action for them.
push(event({ type: 'alias', userId: users[2].userId, previousId: 'anon_5b1c' }))
// Lines that are not events: each is reported with its line number and dead-lettered.
push('{"type": "track", "userId": "usr_001", "event": "Order Completed", "properties": {"total": 29')
push('this line was pasted from a log file by mistake')
push('["identify", "usr_002"]')

const out = fileURLToPath(new URL('./events.ndjson', import.meta.url))
writeFileSync(out, `${lines.join('\n')}\n`)
console.log(`wrote ${lines.length} lines to ${out}`)
