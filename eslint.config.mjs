// Lint rules that guard the process itself, run by `npm test`: one rejected promise nobody
// awaits ends a Node process (unhandled rejection), so every promise is awaited or handled.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'bench/**', 'node_modules/**', '.data/**', 'test/generated/**', 'coverage/**'] },
  {
    // The IDE's browser scripts (classic scripts, no build step, not type-checked but csv.js):
    // an undefined or unused name is a mistake the browser test would only find at run time.
    files: ['src/http/ide/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'fetch', 'Blob', 'URL', 'setTimeout', 'console', 'globalThis', 'module', 'React', 'ReactDOM', 'GraphiQL', 'GraphiQLPluginExplorer', 'CareGraphCsv'].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-undef': 'error', 'no-unused-vars': 'error' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // `void promise` still ends the process if it rejects: a handler is required.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
