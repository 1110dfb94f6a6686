import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { jsonSchema } from '../../src/engine/json-schemas.js';

// docs/schema/*.json are the published JSON Schemas; regenerate with UPDATE_SCHEMAS=1 npx vitest run test/cli/published-schemas.test.ts
test.each([['input', 'input'], ['alert', 'alert-1'], ['config', 'config']] as const)('docs/schema/%s is up to date', (which, file) => {
  const path = `docs/schema/${file}.json`;
  const fresh = `${JSON.stringify(jsonSchema(which), null, 2)}\n`;
  if (process.env['UPDATE_SCHEMAS'] === '1') writeFileSync(path, fresh);
  expect(readFileSync(path, 'utf8')).toBe(fresh);
});
