import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** An error of the user's environment (a missing path, an unwritable file, git): one line, exit 2. */
export class CliError extends Error {}

/** The directory DIR, or a one-line error naming it when it is missing or a file. */
export function directoryArg(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new CliError(`no such directory: ${path}`);
  if (!statSync(absolute).isDirectory()) throw new CliError(`not a directory: ${path} (give the folder that holds the code and its data-inventory.yaml)`);
  return absolute;
}

/** Checks, before any work, that `path` can be written: its folder exists and is writable, and it is not a folder. */
export function writableFile(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) throw new CliError(`cannot write ${path}: it is a directory`);
  const folder = dirname(absolute);
  if (!existsSync(folder)) throw new CliError(`cannot write ${path}: no such directory ${dirname(path)}`);
  try {
    accessSync(existsSync(absolute) ? absolute : folder, constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${path}: permission denied`);
  }
  return absolute;
}
