// @ts-check
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins by their bare names too (`fs` as well as `node:fs`). */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream', 'util', 'module', 'process'];

/**
 * Process boundaries checked by the linter (DESIGN.md habit 1): the renderer reaches main
 * only through the contract, and src-shared stays free of Node, main and renderer code.
 */
export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'release/', '**/build/', 'coverage/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS loaders (e.g. the native addon's node-gyp-build entry) must use require().
    files: ['**/*.cjs', '**/*.cts', 'native-scanner/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.commonjs } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The provincial server's admin page script runs in the operator's browser (a classic script).
    files: ['src-server/admin/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic hook rules; the React Compiler rules of v7's preset are not adopted.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'The renderer reads through RxDB and writes through commands; SQLite lives in main.' },
            { name: 'electron', message: 'The renderer sees main only through the TiepNhanBridge (window.tiepnhan).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed browser: no Node modules.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed browser: no Node modules.' },
            { group: ['**/src-main/**', '**/src-main'], message: 'The renderer may not import main code; use the contract in src-shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'src-shared runs in every process: no Node modules.' })),
          patterns: [
            { group: ['node:*'], message: 'src-shared runs in every process: no Node modules.' },
            { group: ['**/src-main/**', '**/src-main', '**/src-renderer/**', '**/src-renderer'], message: 'src-shared may not depend on main or renderer code.' },
          ],
        },
      ],
    },
  },
);
