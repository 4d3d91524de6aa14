/**
 * The part of the runtime that compiles configuration: subscriptions that bring their own FQL
 * triggers or field mappings need the `.map` parser and type checker (src/compiler) and
 * mapping-kit (src/configuration). This is the only folder of src/runtime allowed to import
 * them, and it is loaded with `import()` only when a configuration needs it
 * (configuration-compiler.ts), so that importing a generated destination and running its presets
 * loads no compiler.
 */
export { compileSubscription, type SubscriptionSite } from '../../configuration/subscriptions/compile-subscription.js'
