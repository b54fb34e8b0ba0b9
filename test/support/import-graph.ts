import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a file in one folder from a file in another: the edge and the line that makes it. */
export interface FolderImport {
  from: string;
  to: string;
  file: string;
  specifier: string;
}

/**
 * The imports between the folders directly under `root`, read from every .ts file's import,
 * export…from and import() (type-only imports count: a type cycle is still a cycle of meaning).
 * A file directly in `root` is its own folder, named by its file name without `.ts`.
 */
export function folderImports(root: string): FolderImport[] {
  const base = resolve(root);
  const edges: FolderImport[] = [];
  for (const file of sourceFiles(base)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolveSource(resolve(dirname(file), ref.fileName));
      if (target === undefined || !target.startsWith(base + sep)) continue;
      const from = folderOf(base, file);
      const to = folderOf(base, target);
      if (from !== to) {
        edges.push({ from, to, file: relative(base, file), specifier: ref.fileName });
      }
    }
  }
  return edges;
}

/**
 * Every cycle among folders, each as the folders of one strongly connected component (Tarjan),
 * sorted; a folder that imports only downward is in none.
 */
export function folderCycles(edges: readonly FolderImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)?.add(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file an extensionless (or `.js`) relative import names, as TypeScript's bundler resolution finds it. */
function resolveSource(path: string): string | undefined {
  const stem = path.replace(/\.js$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, join(stem, 'index.ts'), path];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

function folderOf(root: string, file: string): string {
  const [first = '', ...rest] = relative(root, file).split(sep);
  return rest.length > 0 ? first : first.replace(/\.tsx?$/, '');
}
