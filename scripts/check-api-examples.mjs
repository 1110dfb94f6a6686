// Run by `npm run docs` after TypeDoc: every exported function and class of the public entries
// (`tidewatch`, `tidewatch/ingest`) must carry an `@example` in its doc comment. TypeDoc itself
// already fails on an export without a doc comment (validation.notDocumented).
import { readFileSync } from 'node:fs';

const FUNCTION = 64;
const CLASS = 128;
const project = JSON.parse(readFileSync(new URL('../.tmp/api.json', import.meta.url), 'utf8'));

const blockTags = (reflection) =>
  [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)]
    .flatMap((c) => c?.blockTags ?? [])
    .map((t) => t.tag);

const missing = [];
let checked = 0;
for (const entry of project.children ?? []) {
  for (const reflection of entry.children ?? []) {
    if (reflection.kind !== FUNCTION && reflection.kind !== CLASS) continue;
    checked++;
    if (!blockTags(reflection).includes('@example')) missing.push(`${entry.name}: ${reflection.name}`);
  }
}
if (missing.length > 0) {
  console.error(`check-api-examples: ${missing.length} exported functions or classes have no @example:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-api-examples: all ${checked} exported functions and classes have an @example`);
