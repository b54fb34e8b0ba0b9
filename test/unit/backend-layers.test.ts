import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderImports, type FolderImport } from '../support/import-graph';

const backend = join(import.meta.dirname, '../../main/backend');

/** The layer list eslint.config.js holds the backend to, lowest first. */
async function backendLayers(): Promise<string[][]> {
  const url = pathToFileURL(join(import.meta.dirname, '../../eslint.config.js')).href;
  const config = (await import(url)) as { backendLayers?: unknown };
  const layers = config.backendLayers;
  if (!Array.isArray(layers) || !layers.every((l) => Array.isArray(l))) {
    throw new Error('eslint.config.js no longer exports backendLayers as a list of lists.');
  }
  return layers as string[][];
}

const describeEdge = (e: FolderImport) => `${e.from} -> ${e.to} (${e.file}: '${e.specifier}')`;

describe('the backend has one direction of imports', () => {
  it('has no cycle between its folders and root files', () => {
    const edges = folderImports(backend);
    expect(edges.length).toBeGreaterThan(50); // the walk read the real tree
    const cycles = folderCycles(edges);
    const explained = cycles.map((members) =>
      edges.filter((e) => members.includes(e.from) && members.includes(e.to)).map(describeEdge),
    );
    expect(explained).toEqual([]);
  });

  it('finds a cycle made of a type import one way and a dynamic import the other', () => {
    const edges = folderImports(join(import.meta.dirname, '../fixtures/import-cycle'));
    expect(folderCycles(edges)).toEqual([['grades', 'reports']]);
    expect(edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual([
      'grades->reports',
      'reports->grades',
      'reports->roster',
    ]);
  });

  it('lists every folder and root file in exactly one lint layer', async () => {
    const listed = (await backendLayers()).flat();
    const present = readdirSync(backend, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
      .map((e) => e.name.replace(/\.ts$/, ''));
    expect([...listed].sort()).toEqual([...new Set(present)].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('imports only lower layers, dynamic imports included (which the lint rule cannot see)', async () => {
    const rank = new Map((await backendLayers()).flatMap((layer, i) => layer.map((n) => [n, i])));
    const upward = folderImports(backend)
      .filter((e) => (rank.get(e.to) ?? Infinity) >= (rank.get(e.from) ?? -1))
      .map(describeEdge);
    expect(upward).toEqual([]);
  });
});
