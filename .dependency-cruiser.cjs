// The house's arrows (docs/architecture.md §3), checked by `npm run check:boundaries` in .ci/run:
// routes → service → repo / pure logic → platform; a module calls another module's service or read API,
// never its repository; platform knows no module; no cycles; the web app imports nothing from src/.
// Violations that existed when the check was introduced are listed in .dependency-cruiser-known-violations.json
// (regenerate with `npm run check:boundaries:baseline` only when one is removed); anything new fails CI.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules and files form no cycle: a cycle means two places own one concept.',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'Modules (folders under src/modules) form no cycle either, type-only imports included.',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+/?$' },
      to: { circular: true },
    },
    {
      name: 'no-other-modules-repo',
      severity: 'error',
      comment: "A module reaches another module through its service or read API, never through its repository.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+[.]repo[.]ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'src/platform is the floor every module stands on; it must not know any module.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'routes-call-services',
      severity: 'error',
      comment: 'Routes are thin: schema, permission, one service call. No repository, no SQL.',
      from: { path: '[.]routes[.]ts$' },
      to: { path: '[.]repo[.]ts$' },
    },
    {
      name: 'repos-are-leaves',
      severity: 'error',
      comment: 'A repository is SQL only: it does not call services or routes.',
      from: { path: '[.]repo[.]ts$' },
      to: { path: '[.](service|routes)[.]ts$' },
    },
    {
      name: 'src-not-from-tests',
      severity: 'error',
      comment: 'Production code does not import test helpers.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'web-apart-from-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP only (API types are generated, not imported).',
      from: { path: '^web/src/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // tests may import anything (fixtures in test/, the module under test); the arrows are for production code
    exclude: { path: '((^|/)(node_modules|dist)/|[.]test[.]tsx?$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
