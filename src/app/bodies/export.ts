import { stringify } from 'yaml';
import { type Body, toBodyInput } from '../../domain/body.js';

/**
 * A body as a body file (the format of `bodies/*.yaml`): to keep, to review, or to import on
 * another installation (a file in BODIES_DIR is taken over as a version, src/app/bodies/registry.ts).
 * `parseBody(parse(bodyYaml(b)))` gives `b` back (tested on every preset).
 */
export function bodyYaml(body: Body): string {
  const header = [
    `# ${body.name}`,
    ...(body.version
      ? [
          `# Fassung ${body.version.number}, gültig ab ${body.version.effectiveFrom} (aus Gremienbot exportiert)`,
        ]
      : []),
  ].join('\n');
  return `${header}\n${stringify(toBodyInput(body), { lineWidth: 0 })}`;
}
