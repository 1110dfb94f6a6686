import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp-dir.js';

/** The FIU schemas, from shared/ beside the repository (CI clones the repo with shared/ next to it). */
export const ID_XSD = '../shared/goaml/id-ppatk-4.0.2.xsd';
export const LK_XSD = '../shared/goaml/lk-fiu-2.0.xsd';

const dir = tempDir('tidewatch-goaml-');
let checked = false;

/** Fails (never skips) when xmllint is missing: .ci/run installs Debian's libxml2-utils. */
function requireXmllint(): void {
  if (checked) return;
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) throw new Error('xmllint is not installed: apt-get install libxml2-utils (the goAML schema tests need it)');
  checked = true;
}

/**
 * Validates documents against an XSD with `xmllint --noout --schema`; returns xmllint's error
 * lines (empty when every document validates). One xmllint run for all documents.
 */
export function schemaErrors(xsd: string, documents: ReadonlyArray<{ name: string; xml: string }>): string[] {
  requireXmllint();
  if (documents.length === 0) return [];
  const files = documents.map((d, i) => {
    const file = join(dir, `${i}-${d.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`);
    writeFileSync(file, d.xml);
    return file;
  });
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsd, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return stderr.split('\n').filter((l) => l.trim() !== '' && !l.endsWith(' validates'));
  }
}
