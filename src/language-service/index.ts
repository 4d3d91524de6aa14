/**
 * The mapc language service: what an editor needs to know about a `.map` document, built on the
 * compiler's stages. Pure (no protocol, no process); src/lsp is its Language Server Protocol edge.
 */
export { LanguageService, type LanguageServiceOptions, type RenameAnswer } from './service.js'
export type { ProjectFiles } from './project.js'
export { semanticTokensLegend } from './semantic-tokens.js'
export { analyze, type Analysis } from './analysis.js'
