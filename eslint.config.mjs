// @ts-check
// Lint for the whole repository (`npm run lint`; `npm test` runs it after the build). Kept small on
// purpose: each rule below is here for a reason. Left out after measuring: the no-unsafe-* rules of
// typescript-eslint's type-checked set (~4,500 reports, nearly all tests reading GraphQL answers as
// `any`), and no-unnecessary-type-assertion (64; its fix drops casts that narrow mongoose's
// `Model<any>` lookups and parsed JSON, so types silently widen).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A package's `dist/` is not its API: a deep import breaks on any minor release of the package. */
const noDistImports = [
  'error',
  { patterns: [{ regex: '^(@[^/]+/)?[^./][^/]*/dist(/|$)', message: "Import from the package's entry point; its dist/ layout is not an API." }] },
];

export default defineConfig(
  // Generated or installed code, and the outputs of the build.
  { ignores: ['**/dist/', '**/node_modules/', '**/__generated__/', '.cache/', 'coverage/', 'bench-results/'] },

  // Everything is parsed against one TypeScript program (tsconfig.eslint.json: the tests' program
  // plus the client, codegen.ts and the plain JavaScript), so type-aware rules see the same types
  // `npm run typecheck:tests` does, and one program is faster than one per package.
  {
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection ends the process). Await it,
      // or mark a deliberate fire-and-forget with `void` and a comment saying who handles failure.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (an event emitter, Array#forEach) runs
      // unawaited; its rejection is lost the same way.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `new Function(string)` / `setTimeout(string)` run text as code.
      '@typescript-eslint/no-implied-eval': 'error',
      // Type-only imports vanish from the emitted JavaScript: no accidental load-order cycles. The fix
      // writes `import type { T }` (an import mixing values and types keeps its values, and the types
      // move to an `import type` line); `import('x').T` in a type position is erased just the same.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      // `_name` marks a binding kept on purpose (a rest sibling dropped, a positional parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-restricted-imports': noDistImports,
      // `let x;` assigned once after a closure that reads it (a relay, a timer) cannot be a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },

  // Tests: many read GraphQL answers as `any` (278 today). They stay visible as warnings, so the count
  // can only be brought down file by file (new tests use the typed client, @vinculo/client) without
  // blocking every branch that touches a test; services, gateway, client and scripts have none left.
  {
    // Not services/common/testing (the tests' support, @vinculo/common/testing): it answers `unknown` or
    // the caller's type, and keeps the services' rule.
    files: ['**/test/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },

  // Plain JavaScript (CommonJS): the local engines and stack, scripts, benchmarks, drills, configs.
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A module-scope `const crypto = require('node:crypto')` shadows Node's global on purpose.
      'no-redeclare': ['error', { builtinGlobals: false }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
);
