// The handover bundle is outside input too: a bundle from another machine may be
// damaged, truncated or crafted. Generated variants of a real bundle (bytes flipped,
// cut, padded; files inside altered, added, renamed, escaping the folder) must each be
// refused with a WarRoomError that names a file, leave no release folder behind, and
// leave Object.prototype untouched. The untouched bundle must still import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as tar from 'tar';
import { bootServices } from '../../main/api/boot';
import { exportBundle, importBundle } from '../../main/core/report/bundle';
import { WarRoomError } from '../../contract/domain/errors';
import { tempDir } from '../support/temp-dir';

const RUNS = Number(process.env.WARROOM_FUZZ_RUNS ?? 150);

const workspace = tempDir();
const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
const [listing] = await services.workspace.list();
const release = await services.release(listing!.slug);
await release.execute('fuzz', () => [{ type: 'note.added', data: { kind: 'note', text: 'handed over to the next pod' } }]);
await release.flush();
const bundleFile = join(tempDir(), 'release.tar.gz');
await exportBundle(release.dir, release.slug, bundleFile);
await services.dispose();
const original = readFileSync(bundleFile);

/** The bundle's files, unpacked once, to rebuild altered variants from. */
const unpacked = tempDir();
await tar.x({ file: bundleFile, cwd: unpacked });
const [top] = readdirSync(unpacked);

type Variant =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; bytes: number[] }
  | { kind: 'noise'; bytes: number[] }
  | { kind: 'alter-file'; index: number; text: string }
  | { kind: 'add-file'; name: string }
  | { kind: 'drop-file'; index: number };

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? files(dir, path) : [path];
  });
}
const inside = files(join(unpacked, top!));

async function build(variant: Variant, out: string): Promise<void> {
  switch (variant.kind) {
    case 'flip': {
      const bytes = Buffer.from(original);
      const at = variant.at % bytes.length;
      bytes[at] = bytes[at]! ^ (variant.xor || 1);
      return writeFileSync(out, bytes);
    }
    case 'truncate':
      return writeFileSync(out, original.subarray(0, variant.at % original.length));
    case 'append':
      return writeFileSync(out, Buffer.concat([original, Buffer.from(variant.bytes)]));
    case 'noise':
      return writeFileSync(out, Buffer.from(variant.bytes));
    default: {
      const copy = join(tempDir(), 'variant');
      mkdirSync(copy);
      await tar.x({ file: bundleFile, cwd: copy });
      const root = join(copy, top!);
      if (variant.kind === 'alter-file') {
        const path = join(root, inside[variant.index % inside.length]!);
        writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from(variant.text || 'x')]));
      } else if (variant.kind === 'add-file') {
        writeFileSync(join(root, variant.name), 'unlisted');
      } else {
        const victim = inside.filter((path) => path !== 'SHA256SUMS')[variant.index % (inside.length - 1)]!;
        rmSync(join(root, victim));
      }
      await tar.c({ gzip: true, file: out, cwd: copy }, [top!]);
    }
  }
}

const variants: fc.Arbitrary<Variant> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('noise' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 512 }) }),
  fc.record({ kind: fc.constant('alter-file' as const), index: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('add-file' as const), name: fc.constantFrom('extra.txt', '__proto__', 'constructor', '.hidden', 'recordings.cast') }),
  fc.record({ kind: fc.constant('drop-file' as const), index: fc.nat() }),
);

test('the untouched bundle imports', async () => {
  const releases = tempDir();
  const imported = await importBundle(bundleFile, releases);
  assert.ok(imported.events > 0);
});

test(`${RUNS} damaged or crafted bundles: any change to the files is refused naming a file, nothing is left behind`, { timeout: 300_000 }, async () => {
  const releases = tempDir();
  const out = join(tempDir(), 'variant.tar.gz');
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(variants, async (variant) => {
      await build(variant, out);
      try {
        await importBundle(out, releases);
        // Damage outside the content (a gzip header's timestamp byte, bytes after the
        // archive's end) can leave every file intact: the import verified each file's
        // sha256 and the journal chain, so accepting it is right. A change to the files
        // themselves never may be accepted.
        accepted += 1;
        assert.ok(['flip', 'append', 'truncate'].includes(variant.kind), `accepted a ${variant.kind} variant`);
      } catch (error) {
        assert.ok(error instanceof WarRoomError, `not a WarRoomError: ${String(error)}`);
        assert.ok(
          error.locations.some((location) => typeof location.file === 'string' && location.file.length > 0),
          `no file named: ${error.message}`,
        );
      }
      assert.deepEqual(
        readdirSync(releases).filter((name) => name.startsWith('.import-')),
        [],
        'a staging folder was left behind',
      );
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
      for (const name of readdirSync(releases).filter((entry) => !entry.startsWith('.'))) rmSync(join(releases, name), { recursive: true, force: true });
    }),
    { numRuns: RUNS },
  );
  console.log(`bundle fuzz: ${RUNS} variants, ${accepted} accepted with every file intact`);
});
