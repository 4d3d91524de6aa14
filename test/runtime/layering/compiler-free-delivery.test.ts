/**
 * The run-time layering (docs/runtime.md, "Layers"): a process that imports a generated
 * destination and mapc's runtime and delivers with the destination's presets loads no compiler —
 * not chevrotain, the parser and type checker, ts-morph, TypeScript, liquidjs or ajv's compiler —
 * and a subscription given in code asks for the configuration compiler rather than loading it
 * behind the caller's back. The process is a real one, built from dist/ as a user runs it, and
 * delivers to a real HTTP server on loopback.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileText } from '../../../src/compiler/compile.js'
import { writeDestination } from '../../../src/compiler/emit/mapc/write-output.js'
import { useApiServer } from '../roundtrip/support/api-server.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const BUILT_RUNTIME = join(ROOT, 'dist/src/runtime/index.js')
const CHILD = fileURLToPath(new URL('./deliver-in-process.mjs', import.meta.url))

/** What no delivery over presets may load: the compiler and what only the compiler uses. */
const COMPILER_MODULES = [
  /\/node_modules\/chevrotain\//,
  /\/node_modules\/@chevrotain\//,
  /\/node_modules\/ts-morph\//,
  /\/node_modules\/@ts-morph\//,
  /\/node_modules\/typescript\//,
  /\/node_modules\/liquidjs\//,
  /\/node_modules\/yaml\//,
  // ajv's compiler (its index and core); standalone validators need none of ajv.
  /\/node_modules\/ajv\/dist\/(ajv|core|compile\/)/,
  /\/dist\/src\/compiler\//,
  /\/dist\/src\/configuration\//,
  /\/dist\/src\/runtime\/configure\//
]

const api = useApiServer()
let out = ''
let directory = ''

beforeAll(async () => {
  // `npm ci` builds dist/ (the `prepare` script); the child runs what a user's process runs.
  expect(existsSync(BUILT_RUNTIME), 'dist/ is missing: run `npm run build`').toBe(true)
  const ir = compileText(readFileSync(join(ROOT, 'mappings/attio.map'), 'utf8'), 'mappings/attio.map').ir
  if (!ir) throw new Error('mappings/attio.map does not compile')
  // Inside the project, so that the generated `import … from "mapc/runtime"` resolves to this package.
  out = await mkdtemp(join(ROOT, '.tmp', 'layering-'))
  directory = (await writeDestination(ir, out, 'layering')).directory
})
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true })
})

function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('a process delivering with a generated destination\'s presets', () => {
  it('delivers over loopback and loads no compiler module', async () => {
    api.handle((request) => ({ status: 200, body: { data: { id: { record_id: `rec-${request.target.length}` } } } }))
    const { code, stdout, stderr } = await runChild([directory, api.origin])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const { results, modules } = JSON.parse(stdout) as { results: { status: string; requests: number }[]; modules: string[] }
    expect(results).toEqual([expect.objectContaining({ status: 'delivered', action: 'identifyUser', subscription: 'Identify User', requests: 2 })])
    // The requests really reached the server: the person, then the user linked to it.
    expect(api.received.map((r) => `${r.method} ${r.target.split('?')[0]}`)).toEqual([
      'PUT /v2/objects/people/records/simple',
      'PUT /v2/objects/users/records/simple'
    ])
    expect(api.received[0]?.headers.authorization).toBe('Bearer token-layering')
    // The list is real: it holds the generated modules, the runtime and the HTTP pool it used.
    expect(modules).toContainEqual(expect.stringMatching(/\/layering-[^/]+\/attio\/actions\/identifyUser\.js$/))
    expect(modules).toContainEqual(expect.stringMatching(/\/dist\/src\/runtime\/index\.js$/))
    expect(modules).toContainEqual(expect.stringMatching(/\/node_modules\/undici\/lib\/dispatcher\/pool\.js$/))
    expect(modules.filter((url) => COMPILER_MODULES.some((pattern) => pattern.test(url)))).toEqual([])
  })
})
