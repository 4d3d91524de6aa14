/**
 * The destination's API schema is watched: changing `apis/<destination>.schema.json` on disk
 * re-checks the open `.map` file, and so does a client's didChangeWatchedFiles notification.
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { TestClient } from './support/client.js'
import { crmWorkspace, fixtureSchema } from './support/workspace.js'

/** The schema without the `plan` property of a record. */
function schemaWithoutPlan(): string {
  const schema = JSON.parse(fixtureSchema()) as { definitions: { upsertRecord: { properties: { body: { properties: { data: { properties: Record<string, unknown> } } } } } } }
  delete schema.definitions.upsertRecord.properties.body.properties.data.properties['plan']
  return JSON.stringify(schema, null, 2)
}

describe('the API schema file', () => {
  test('a change on disk re-publishes the document’s diagnostics', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess()
    await client.initialize()
    await client.open(w.uri, w.text)
    expect(await client.diagnostics(w.uri, 1)).toEqual([])
    const next = client.nextDiagnostics(w.uri)
    writeFileSync(w.schemaPath, schemaWithoutPlan())
    const diagnostics = await next
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.message])).toEqual([['MAPC4004', 42, 'the API does not accept `body.data.plan`']])
    // And back.
    const again = client.nextDiagnostics(w.uri)
    writeFileSync(w.schemaPath, fixtureSchema())
    expect(await again).toEqual([])
    client.dispose()
  })

  test('a schema that is not JSON is reported on the destination', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess()
    await client.initialize()
    await client.open(w.uri, w.text)
    await client.diagnostics(w.uri, 1)
    const next = client.nextDiagnostics(w.uri)
    writeFileSync(w.schemaPath, '{ "oneOf": [')
    const [d] = await next
    expect(d?.code).toBe('MAPC4005')
    expect(d?.message).toMatch(/crm\.schema\.json: not valid JSON/)
    client.dispose()
  })

  test('didChangeWatchedFiles from the client re-checks too', async () => {
    const w = crmWorkspace()
    const client = TestClient.inProcess()
    await client.initialize()
    await client.open(w.uri, w.text)
    await client.diagnostics(w.uri, 1)
    const next = client.nextDiagnostics(w.uri)
    writeFileSync(w.schemaPath, schemaWithoutPlan())
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(w.schemaPath).href, type: 2 }] })
    expect((await next).map((d) => d.code)).toEqual(['MAPC4004'])
    client.dispose()
  })
})
