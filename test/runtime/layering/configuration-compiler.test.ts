/**
 * The two layers of src/runtime: what generated code and delivery need, and configure/, the part
 * that compiles configuration and alone may import the compiler. Presets run without it;
 * subscriptions given in code need it loaded first (`loadConfigurationCompiler`), and say so
 * when it is not.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/runtime/errors/index.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { createRuntime } from '../../../src/runtime/runtime.js'
import { crmDestination } from '../core/support/crm-destination.js'
import { trackEvent } from '../core/support/events.js'
import { recordingTransport } from '../core/support/recording-transport.js'
import { thrownBy } from '../core/support/thrown.js'

const RUNTIME = fileURLToPath(new URL('../../../src/runtime/', import.meta.url))

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Imports that load a module at run time (`import type` and `export type` are erased). */
function runtimeImports(text: string): string[] {
  const specifiers: string[] = []
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms)) {
    if (match[2] === undefined) specifiers.push(match[3] as string)
  }
  for (const match of text.matchAll(/import\('([^']+)'\)/g)) specifiers.push(match[1] as string)
  return specifiers
}

describe('src/runtime outside configure/', () => {
  it('imports neither the compiler nor configuration compiling, except configure/ through import()', () => {
    const offending: string[] = []
    for (const file of sourceFiles(RUNTIME)) {
      const where = relative(RUNTIME, file)
      if (where.startsWith('configure/')) continue
      const text = readFileSync(file, 'utf8')
      for (const specifier of runtimeImports(text)) {
        if (/\/(compiler|configuration)\//.test(specifier)) offending.push(`${where} → ${specifier}`)
        // configure/ only ever arrives through import(): a static import would load it with the runtime.
        if (/configure\//.test(specifier) && !text.includes(`import('${specifier}')`)) offending.push(`${where} → ${specifier} (static)`)
        if (/^(chevrotain|ts-morph|typescript|liquidjs|yaml|ajv)(\/|$)/.test(specifier)) offending.push(`${where} → ${specifier}`)
      }
    }
    expect(offending).toEqual([])
  })
})

describe('a runtime created in code', () => {
  it('runs the presets without the configuration compiler, and asks for it for its own subscriptions', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 200, body: {} })
    const presets = createRuntime([{ destination: crmDestination(), settings: { apiKey: 'sk_live_layers' } }], { transport: () => recorder.transport })
    const [delivered] = await presets.send(trackEvent({ messageId: 'm-presets' }))
    await presets.close()
    expect(delivered?.status).toBe('delivered')

    const own = [{ destination: crmDestination(), settings: { apiKey: 'sk_live_layers' }, subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent' }] }]
    const error = thrownBy(() => createRuntime(own, { transport: () => recorder.transport }), ConfigError)
    expect(error.message).toContain('await loadConfigurationCompiler()')
    expect(error.code).toBe('CONFIG')

    await loadConfigurationCompiler()
    const configured = createRuntime(own, { transport: () => recorder.transport })
    recorder.script({ status: 200, body: {} })
    const [result] = await configured.send(trackEvent({ messageId: 'm-own' }))
    await configured.close()
    expect(result).toMatchObject({ status: 'delivered', subscription: 'trackEvent#0' })
  })
})
