/**
 * The copy of mapc's runtime a Segment target build carries (compiler/emit/segment/runtime-sources.ts
 * and support-files.ts): the modules the generated code imports and everything they import, and
 * nothing that needs more than action-destinations has; each file mapc's own text but for its
 * relative import specifiers (and, under CommonJS, lib/load-package.ts).
 */
import { describe, expect, it } from 'vitest'
import { readRuntimeSources } from '../../src/compiler/emit/segment/runtime-sources.js'
import { SUPPORT_DIRECTORY, supportFiles } from '../../src/compiler/emit/segment/support-files.js'

const sources = readRuntimeSources()
const HEADER = /^\/\/ Copied by mapc 9\.9\.9 \(--target segment\) from mapc's runtime, src\/runtime\/([^\n]+)\. Do not edit: run `mapc build --target segment` again\.\n/

describe("the runtime copy of a Segment target build", () => {
  it('holds the generated code\'s imports and their closure, without the HTTP client, delivery or NATS', () => {
    const paths = sources.map((s) => s.path)
    expect(paths).toEqual(expect.arrayContaining(['compiled-module-api.ts', 'segment/index.ts', 'segment/action-host.ts', 'support.ts', 'lib/builtins.ts', 'delivery/payload.ts', 'lib/load-package.ts']))
    expect(paths.filter((p) => p.startsWith('http/'))).toEqual(['http/types.ts'])
    expect(paths.some((p) => /runtime\.ts$|delivery\/deliver\.ts$|batching\//.test(p))).toBe(false)
    // Outside the copy it imports only Node's built-ins; lodash and entities come through loadPackage.
    const external = new Set(sources.flatMap((s) => [...s.text.matchAll(/\bfrom\s+'([^'.][^']*)'/g)].map((m) => m[1])))
    expect([...external].sort()).toEqual(['node:http', 'node:module'])
    const loaded = new Set(sources.flatMap((s) => [...s.text.matchAll(/loadPackage\('([^']+)'\)/g)].map((m) => m[1])))
    expect([...loaded].sort()).toEqual(['entities/decode', 'lodash/snakeCase.js'])
  })

  it('as ES modules: each file is the runtime\'s own text under its header', () => {
    const files = supportFiles(sources, 'esm', '9.9.9')
    expect(files.map((f) => f.path)).toEqual(sources.map((s) => `${SUPPORT_DIRECTORY}/${s.path}`))
    files.forEach((file, i) => {
      const source = sources[i] as { path: string; text: string }
      expect(HEADER.exec(file.content)?.[1]).toBe(source.path)
      expect(file.content.replace(HEADER, '')).toBe(source.text)
    })
  })

  it('as CommonJS: the same text with extensionless relative imports, and Node\'s require to load packages', () => {
    const files = supportFiles(sources, 'commonjs', '9.9.9')
    files.forEach((file, i) => {
      const source = sources[i] as { path: string; text: string }
      const body = file.content.replace(HEADER, '')
      expect(body).not.toMatch(/from '\.{1,2}\/[^']*\.js'/)
      if (source.path === 'lib/load-package.ts') {
        expect(body).toContain('return require(name)')
        expect(body).not.toContain('import.meta')
      } else {
        expect(body.replace(/\bfrom '(\.{1,2}\/[^']+)'/g, "from '$1.js'")).toBe(source.text)
      }
    })
    expect(files.some((f) => f.content.includes('import.meta'))).toBe(false)
  })

  it('refuses runtime sources without the package loader it must replace', () => {
    expect(() => supportFiles(sources.filter((s) => s.path !== 'lib/load-package.ts'), 'commonjs', '9.9.9')).toThrow('the runtime sources lack lib/load-package.ts')
  })
})
