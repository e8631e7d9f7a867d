// The layer table of War Room, enforced by dependency-cruiser (`npm run lint` runs it).
//
// One table says which folder may import which, the way VS Code's layers do
// (common <- node <- electron-main): each layer imports only the layers listed after it,
// nothing imports a layer above it, and there are no cycles. bench/ and test/ may import
// anything. Type-only imports count (tsPreCompilationDeps): a type is a dependency too.
//
//   contract   the bottom: boundary types and schemas, event types, pure rules (zod, luxon)
//   core       the domain, plain Node: imports contract
//   pty        terminals and recordings, beside core: imports contract and core
//   api        request handlers and services: imports contract, core, pty
//   transport  IPC and WebSocket: imports api and below
//   electron   the Electron shell: imports transport and below
//   cli        the command line: imports transport and below
//   renderer   the page: imports contract only (and never zod at runtime, see architecture.test)
//   preload    the bridge: imports contract only

/** @type {Array<[name: string, path: string, mayImport: string[]]>} */
const LAYERS = [
  ['contract', '^contract/', []],
  ['core', '^main/core/', ['contract']],
  ['pty', '^main/pty/', ['contract', 'core']],
  ['api', '^main/api/', ['contract', 'core', 'pty']],
  ['transport', '^main/transport/', ['contract', 'core', 'pty', 'api']],
  ['electron', '^main/electron/', ['contract', 'core', 'pty', 'api', 'transport']],
  ['cli', '^main/(cli/|cli[.]ts$)', ['contract', 'core', 'pty', 'api', 'transport']],
  ['renderer', '^renderer/', ['contract']],
  ['preload', '^preload/', ['contract']],
];

const pathOf = Object.fromEntries(LAYERS.map(([name, path]) => [name, path]));
const PROJECT = '^(contract|main|renderer|preload|bench|test|scripts)/';

const layerRules = LAYERS.map(([name, path, mayImport]) => ({
  name: `layer-${name}`,
  comment: `${name} may import only ${mayImport.length ? mayImport.join(', ') + ' and itself' : 'itself'} (the layer table in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path },
  to: { path: PROJECT, pathNot: [path, ...mayImport.map((other) => pathOf[other])] },
}));

// Inside core: the areas sit below the assembly (core/release: the projection that combines
// the areas' reducers, and the release store built on it); report exports, the workspace and
// the demo sit above it. The areas' shared vocabulary lives in contract/domain.
const CORE_AREAS = '^main/core/(checklist|go-no-go|risks|schedule|playbooks|incidents|redaction|journal|support)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle makes two modules one, and its load order a guess.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'contract-npm',
      comment: 'The contract is shared with the renderer and the preload: it imports only zod and luxon, and no Node module.',
      severity: 'error',
      from: { path: pathOf.contract },
      to: { pathNot: ['^contract/', '(^|/)node_modules/(zod|luxon|@types/luxon)/'] },
    },
    {
      name: 'areas-below-the-assembly',
      comment: 'A core area imports no assembly (core/release), report export, workspace or demo: those import the areas.',
      severity: 'error',
      from: { path: CORE_AREAS },
      to: { path: '^main/core/(release|report|workspace|demo)/' },
    },
    {
      name: 'assembly-below-its-users',
      comment: 'The assembly (core/release) combines the areas; report exports, the workspace and the demo are built on it, not in it.',
      severity: 'error',
      from: { path: '^main/core/release/' },
      to: { path: '^main/core/(workspace|demo)/|^main/core/report/(?!report-state[.]ts$)' },
    },
    {
      name: 'electron-only-in-the-shell',
      comment: 'Electron is imported only by main/electron, the IPC transport and the preload: core, pty, api and the CLI run under plain Node.',
      severity: 'error',
      from: { path: '^(contract|main|renderer)/', pathNot: ['^main/electron/', '^main/transport/ipc-main[.]ts$'] },
      to: { path: '(^|/)node_modules/electron/|^electron$' },
    },
    {
      name: 'node-pty-only-in-pty',
      comment: 'Only main/pty touches node-pty.',
      severity: 'error',
      from: { path: '^(contract|main|renderer|preload)/', pathNot: '^main/pty/' },
      to: { path: '(^|/)node_modules/node-pty/|^node-pty$' },
    },
    {
      name: 'renderer-in-the-sandbox',
      comment: 'The renderer runs in a sandbox: no Node module, no Electron, no node-pty.',
      severity: 'error',
      from: { path: pathOf.renderer },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|release-builds|test-results)/|^test/e2e/fixtures/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
