import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/**
 * Validates an xdomea message against the 3.0.0 schemas in `../shared/xdomea/schemes` (beside the
 * repository, as CI has it), with xmllint compiled to WebAssembly: no network, no system tool.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/xdomea/schemes');
export const XDOMEA_PATTERNS = path.resolve(root, '../pattern/xdomea_3.0.0');
const ENTRY = 'xdomea_3.0.0/xdomea-Nachrichten-AussonderungDurchfuehren.xsd';

function filesUnder(dir: string, prefix = ''): { fileName: string; contents: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) return filesUnder(full, rel);
    return name.endsWith('.xsd') ? [{ fileName: rel, contents: readFileSync(full, 'utf8') }] : [];
  });
}

let schemas: { fileName: string; contents: string }[] | undefined;

export async function validateXdomea(xml: string): Promise<string[]> {
  schemas ??= filesUnder(root);
  const entry = schemas.find((s) => s.fileName === ENTRY);
  if (!entry) throw new Error(`no ${ENTRY} under ${root}`);
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [entry],
    preload: schemas.filter((s) => s !== entry),
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
