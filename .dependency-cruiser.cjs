// @ts-check
/**
 * The folder rules of ARCHITECTURE.md, checked by `npm run lint` (dependency-cruiser).
 * Type-only imports count too (tsPreCompilationDeps): a type is a dependency of the design.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-to-main-or-server',
      comment: 'The renderer reaches main only through the contract in src-shared.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-(main|server)/' },
    },
    {
      name: 'renderer-not-to-node',
      comment: 'The renderer runs sandboxed in a browser: no Node built-ins, no native or main-only packages.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-stays-shared',
      comment: 'src-shared runs in every process: no Node built-ins, no code of main, renderer or server.',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { path: '^src-(main|renderer|server)/' },
    },
    {
      name: 'shared-not-to-node',
      severity: 'error',
      from: { path: '^src-shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-not-to-desk',
      comment: 'The provincial server shares only the contract and domain rules with the desk.',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^src-(main|renderer)/' },
    },
    {
      name: 'main-not-to-renderer-or-server',
      comment: 'Main runs the server only through the CLI entry (cli/), never imports its code elsewhere.',
      severity: 'error',
      from: { path: '^src-main/', pathNot: '^src-main/cli/' },
      to: { path: '^src-(renderer|server)/' },
    },
    {
      name: 'no-folder-cycles-in-main',
      comment: 'Feature folders of src-main form a layered graph: kernel/ and db/ at the bottom, app/ on top.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src-main/' },
      to: { path: '^src-main/', circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: { path: '^src-' },
      to: { circular: true },
    },
    {
      name: 'one-importer-better-sqlite3',
      comment: 'SQLite is opened in db/ only (DESIGN.md habit 1); tests and benchmarks may use it directly.',
      severity: 'error',
      from: { path: '^src-', pathNot: '^src-main/db/' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'one-importer-tesseract',
      comment: 'The OCR engine is used from ocr/ only.',
      severity: 'error',
      from: { path: '^src-', pathNot: '^src-main/ocr/' },
      to: { path: 'node_modules/(tesseract\\.js|@tesseract\\.js-data)/' },
    },
    {
      name: 'one-importer-scanner-addon',
      comment: 'The native scanner addon is loaded only by the scanner host process, so a driver crash cannot take main down.',
      severity: 'error',
      from: { path: '^src-', pathNot: '^src-main/scan/scanner-host\\.ts$' },
      // Its option types describe the host's messages; only loading it is the host's alone.
      to: { path: '^native-scanner/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^(dist|node_modules|tests|native-scanner/build)/' },
  },
};
