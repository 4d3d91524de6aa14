/**
 * Reading a YAML configuration file (yaml, and ajv compiling the file's schema): loaded with
 * `import()` by `createRuntimeFromConfig` and `loadConfigFile`, never by importing the runtime.
 */
export { loadConfig, parseConfig, type LoadedConfig } from '../../configuration/file/load-config.js'
