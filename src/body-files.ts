import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type Body, BodyConfigError, checkBodyLinks, parseBody } from './domain/body.js';

/**
 * Reads every body file (`*.yaml`) of a folder and validates it. All problems of all files
 * are collected, so one run shows everything that needs fixing.
 * @throws BodyConfigError whose messages name the file, the field and the problem.
 */
export function loadBodies(dir: string): Body[] {
  return loadBodyFiles(dir).map((e) => e.body);
}

/** The body files of a folder with their names (the seed of the stored bodies). */
export function loadBodyFiles(dir: string): { file: string; body: Body }[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  const problems: string[] = [];
  const entries: { file: string; body: Body }[] = [];
  for (const file of files) {
    try {
      entries.push({ file, body: loadBodyFile(path.join(dir, file)) });
    } catch (e) {
      if (e instanceof BodyConfigError) problems.push(...e.problems);
      else throw e;
    }
  }
  problems.push(...checkBodyLinks(entries));
  if (problems.length > 0) throw new BodyConfigError(problems);
  return entries;
}

export function loadBodyFile(file: string): Body {
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BodyConfigError([
      `${name}: (file): not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
    ]);
  }
  return parseBody(raw, name);
}
