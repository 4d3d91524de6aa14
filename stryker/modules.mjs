/**
 * The modules `npm run mutate` mutates, where a silent bug costs most, each with the test files
 * that are meant to catch its mutants (only those run: the whole suite per mutant would take
 * days). Add a module here, with the tests that should kill its mutants.
 */
export const modules = {
  lexer: {
    mutate: ['src/compiler/syntax/tokens.ts', 'src/compiler/syntax/lexer.ts', 'src/compiler/syntax/template-scanner.ts'],
    tests: ['test/syntax/lexer-tokens.test.ts', 'test/syntax/lexer-every-token.test.ts', 'test/syntax/lexer-diagnostics.test.ts']
  },
  judge: {
    mutate: ['src/conformance/judge.ts'],
    tests: ['test/conformance/judge.test.ts']
  },
  redaction: {
    mutate: ['src/runtime/redaction/**/*.ts'],
    // Not encodings.property.test.ts: it reruns for every mutant it covers and made a run take
    // hours; the direct tests below pin each form and each redacted output.
    tests: [
      'test/runtime/redaction/decoded-view.test.ts',
      'test/runtime/redaction/logging.test.ts',
      'test/runtime/redaction/lone-surrogates.test.ts',
      'test/runtime/redaction/redact-url.test.ts',
      'test/runtime/redaction/redactor.test.ts',
      'test/runtime/redaction/secret-forms.test.ts',
      'test/runtime/http/secrets-in-errors-and-logs.test.ts'
    ]
  },
  'retry-policy': {
    mutate: ['src/runtime/http/retry-policy.ts', 'src/runtime/http/retry-after.ts'],
    tests: ['test/runtime/http/retry-policy.test.ts', 'test/runtime/http/retry.test.ts']
  },
  batching: {
    mutate: ['src/runtime/batching/**/*.ts'],
    tests: ['test/runtime/batching/*.test.ts']
  },
  requests: {
    mutate: ['src/compiler/check/requests.ts'],
    tests: ['test/check/requests.test.ts', 'test/check/corpus.test.ts', 'test/check/schema-conformance.test.ts', 'test/check/destination.test.ts']
  },
  triggers: {
    mutate: ['src/compiler/triggers/**/*.ts'],
    tests: ['test/triggers/*.test.ts']
  },
  interpret: {
    mutate: ['src/compiler/interpret/interpret.ts'],
    tests: [
      'test/emit/expressions.differential.property.test.ts',
      'test/emit/compiled-vs-interpreted.property.test.ts',
      'test/emit/operators.test.ts',
      'test/emit/object-defaults.test.ts',
      'test/emit/run-time-guarantees.test.ts',
      'test/emit/interpret.test.ts',
      // The observer hook: what `mapc test`'s invariants are checked on.
      'test/testing/property/interpreter-observer.test.ts'
    ]
  },
  // The code generator in two scopes, each small enough for one run in minutes.
  'emit-run-time-guarantees': {
    mutate: ['src/compiler/emit/run-time-guarantees.ts'],
    tests: ['test/emit/run-time-guarantees.test.ts', 'test/emit/expressions.differential.property.test.ts', 'test/emit/object-defaults.test.ts']
  },
  emit: {
    mutate: ['src/compiler/emit/expressions.ts', 'src/compiler/emit/literals.ts'],
    tests: [
      'test/emit/expressions.differential.property.test.ts',
      'test/emit/expressions.test.ts',
      'test/emit/render-expr.test.ts',
      'test/emit/run-time-guarantees.test.ts',
      'test/emit/object-defaults.test.ts',
      'test/emit/comprehension.test.ts',
      'test/emit/literals.test.ts',
      'test/emit/operators.test.ts'
    ]
  }
}
