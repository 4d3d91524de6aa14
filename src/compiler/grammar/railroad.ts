/**
 * Railroad diagrams of the grammar as one self-contained HTML page: chevrotain's diagram page,
 * with its scripts and stylesheet inlined from the installed chevrotain package instead of
 * loaded from a CDN, so the page works offline and loads nothing from the network.
 */
import { createSyntaxDiagramsCode } from 'chevrotain'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { grammarProductions } from './productions.js'

/** A base no browser can fetch from: every reference to it is replaced below. */
const INLINE_BASE = 'mapc-inline:/'

export function railroadHtml(): string {
  const diagrams = diagramsDirectory()
  const html = createSyntaxDiagramsCode(grammarProductions(), { resourceBase: INLINE_BASE, css: `${INLINE_BASE}diagrams.css` })
  const inlined = html
    .replace(/<link rel='stylesheet' href='mapc-inline:\/([^']+)'>/g, (_match, path: string) => `<style>\n${readFileSync(join(diagrams, path), 'utf8')}</style>`)
    .replace(/<script src='mapc-inline:\/([^']+)'><\/script>/g, (_match, path: string) => `<script>\n${readFileSync(join(diagrams, path), 'utf8')}</script>`)
  if (inlined.includes(INLINE_BASE)) throw new Error('chevrotain changed its diagram page: a resource was not inlined')
  return inlined
}

/** node_modules/chevrotain/diagrams, found through chevrotain's own entry point. */
function diagramsDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('chevrotain')
  // entry: <package>/lib/src/api.js
  return join(dirname(dirname(dirname(entry))), 'diagrams')
}
