import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'beacon-web-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Typechecks one renderer file under the web tsconfig's options. */
function typecheckAsRenderer(source: string): { code: number | null; output: string } {
  const file = join(scratch, 'probe.tsx');
  writeFileSync(file, source);
  const tsconfig = join(scratch, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.web.json'),
      include: [file],
      compilerOptions: { noUnusedLocals: false },
    }),
  );
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig, '--noEmit'],
    {
      encoding: 'utf8',
    },
  );
  return { code: r.status, output: r.stdout + r.stderr };
}

async function lintAsRenderer(source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, {
    filePath: join(root, 'renderer/src/probe.tsx'),
  });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('renderer code cannot reach Node', () => {
  it('typecheck fails when the renderer imports a Node module', () => {
    const r = typecheckAsRenderer(
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/node:fs/);
  });

  it('typecheck fails on Node globals too', () => {
    const r = typecheckAsRenderer('export const env = process.env.HOME;\n');
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/process/);
  });

  it('typecheck passes for ordinary renderer code', () => {
    const r = typecheckAsRenderer(
      "import type { BeaconApi } from '" +
        join(root, 'contract') +
        "';\nexport const f = (a: BeaconApi) => a.health({});\n",
    );
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  it.each([
    "import fs from 'fs';",
    "import { join } from 'node:path';",
    "import Database from 'better-sqlite3';",
    "import { ipcRenderer } from 'electron';",
    "import { openDatabase } from '../../db';",
    "import { startBackend } from '../../main/backend/backend';",
  ])('lint fails for `%s`', async (line) => {
    const messages = await lintAsRenderer(`${line}\nexport {};\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('lint allows type imports from the contract', async () => {
    const messages = await lintAsRenderer(
      "import type { BeaconApi } from '../../contract';\nexport type A = BeaconApi;\n",
    );
    expect(messages).toEqual([]);
  });
});
