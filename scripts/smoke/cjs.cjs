// Runs inside the scratch project as a consumer would (CommonJS). Prints one JSON line for
// scripts/check-package.mjs to judge; throws (exit 1) only if loading itself fails.
'use strict';
const core = require('tidewatch');
const ingest = require('tidewatch/ingest');
const pkg = require('tidewatch/package.json');
const { parseAmount, parseInstant, parseTransaction } = core;

const shape = (ns) => Object.fromEntries(Object.keys(ns).sort().map((k) => [k, typeof ns[k]]));

process.stdout.write(`${JSON.stringify({
  resolved: { core: require.resolve('tidewatch'), ingest: require.resolve('tidewatch/ingest') },
  core: shape(core),
  ingest: shape(ingest),
  pkg: { name: pkg.name, version: pkg.version },
  named: [typeof parseAmount, typeof parseInstant, typeof parseTransaction],
  sample: {
    amount: parseAmount('9500.10', 'USD'),
    instant: parseInstant('2025-03-01T09:30:00+08:00'),
    transaction: parseTransaction({
      id: 'T1', timestamp: '2025-03-01T09:30:00Z', amount: '9500.00', currency: 'AUD', kind: 'cash_deposit', to_account: 'A1',
    }).ok,
  },
})}\n`);
