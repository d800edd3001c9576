import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readOptionalText, type UnreadFile } from './core/read-file';

/** Data models of the workspace by client accessor (`prisma.user` -> `user`): each model's fields and relations. */
export type DataModels = Record<string, { model: string; fields: string[]; relations: Record<string, string> }>;

const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next']);

/**
 * Reads the Prisma schemas of a workspace (`schema.prisma` and `prisma/*.prisma`, two folders deep
 * at most). Records read through the Prisma client carry their fields' categories. A missing or
 * malformed schema only means no models.
 */
export function readPrismaModels(root: string, unread?: UnreadFile[]): DataModels {
  const out: DataModels = {};
  for (const file of prismaFiles(root, 0)) {
    const text = readOptionalText(file, unread);
    if (text !== undefined) Object.assign(out, parsePrismaModels(text));
  }
  return out;
}

function prismaFiles(dir: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files = entries.filter((e) => !e.isDirectory() && e.name.endsWith('.prisma')).map((e) => join(dir, e.name));
  if (depth >= 3) return files;
  return [...files, ...entries.filter((e) => e.isDirectory() && !SKIPPED.has(e.name)).flatMap((e) => prismaFiles(join(dir, e.name), depth + 1))];
}

/** The models of a Prisma schema text: `model User { email String ... }`. */
export function parsePrismaModels(text: string): DataModels {
  const out: DataModels = {};
  const modelNames = new Set([...text.matchAll(/^\s*model\s+(\w+)\s*\{/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^\s*model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const fields: string[] = [];
    const relations: Record<string, string> = {};
    for (const line of m[2].split('\n')) {
      const f = /^\s*(\w+)\s+(\w+)/.exec(line);
      if (!f || line.trim().startsWith('@@') || line.trim().startsWith('//')) continue;
      if (modelNames.has(f[2])) relations[f[1]] = accessor(f[2]);
      else fields.push(f[1]);
    }
    out[accessor(m[1])] = { model: m[1], fields, relations };
  }
  return out;
}

/** Prisma's client accessor for a model: `OrderItem` -> `orderItem`. */
function accessor(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}
