/**
 * The test destination (test/runtime/core/fixtures/crm.map) as `mapc build` makes it: its
 * requests pointed at a loopback server, compiled, generated as modules, written under
 * .tmp/<unique>/ and imported with loadDestination — no interpreter involved.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { compileText } from '../../../../src/compiler/compile.js'
import { buildAndLoad } from '../../../../src/compiler/emit/mapc/write-output.js'
import type { CompiledDestination } from '../../../../src/runtime/contract.js'
import { CRM_MAP_PATH, CRM_ORIGIN, CRM_SCHEMA_PATH } from '../../core/support/crm-destination.js'

export interface GeneratedCrm {
  destination: CompiledDestination
  /** Where the generated modules are: what a configuration's `module:` names. */
  buildDir: string
  /** The working directory of this build: configuration files go here. */
  root: string
  /** The `.map` path errors name. */
  mapFile: string
  /** The number of the first line of the `.map` that contains `text`. */
  lineOf(text: string): number
}

/**
 * Builds the destination for the server's origin before a test file's tests (once the server
 * listens) and removes the build after them. The result's properties can be read once built.
 */
export function useGeneratedCrm(server: { readonly origin: string }): GeneratedCrm {
  let built: GeneratedCrm | undefined
  beforeAll(async () => {
    built = await generateCrm(server.origin)
  })
  afterAll(() => {
    if (built) rmSync(built.root, { recursive: true, force: true })
  })
  const get = (): GeneratedCrm => {
    if (!built) throw new Error('the destination is built in beforeAll: read it inside tests')
    return built
  }
  return {
    get destination() {
      return get().destination
    },
    get buildDir() {
      return get().buildDir
    },
    get root() {
      return get().root
    },
    get mapFile() {
      return get().mapFile
    },
    lineOf: (text) => get().lineOf(text)
  }
}

async function generateCrm(origin: string): Promise<GeneratedCrm> {
  mkdirSync(resolve('.tmp'), { recursive: true })
  const root = mkdtempSync(resolve('.tmp', 'runtime-roundtrip-'))
  const mapFile = relative(process.cwd(), join(root, 'crm.map'))
  const retarget = (text: string) => text.replaceAll(CRM_ORIGIN, origin)
  writeFileSync(mapFile, retarget(readFileSync(CRM_MAP_PATH, 'utf8')))
  mkdirSync(join(root, 'apis'))
  writeFileSync(join(root, 'apis', 'crm.schema.json'), retarget(readFileSync(CRM_SCHEMA_PATH, 'utf8')))

  const compiled = compileText(readFileSync(mapFile, 'utf8'), mapFile)
  if (!compiled.ir) {
    throw new Error(`${mapFile} does not compile:\n${compiled.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`).join('\n')}`)
  }
  const built = await buildAndLoad(compiled.ir, join(root, 'build'), '0.0.0-roundtrip')
  const buildDir = built.directory
  const mapLines = readFileSync(mapFile, 'utf8').split('\n')
  const lineOf = (text: string): number => {
    const index = mapLines.findIndex((line) => line.includes(text))
    if (index === -1) throw new Error(`${mapFile} has no line containing ${JSON.stringify(text)}`)
    return index + 1
  }
  return { destination: built.destination, buildDir, root, mapFile, lineOf }
}
