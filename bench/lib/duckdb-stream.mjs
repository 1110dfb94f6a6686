#!/usr/bin/env node
// The per-transaction work of the streaming benchmark done in DuckDB, for contrast: the table first
// holds the history (every row before the sample, in (time, id) order), then each sample transaction
// is INSERTed and the three reference rules are evaluated for its account at that instant with one
// prepared query (filtered aggregates over the account's rows in the window, which is what the RANGE
// window gives at the new row: 24 h and 7-day sub-threshold cash sums and counts, 7-day distinct senders).
// Usage: node bench/lib/duckdb-stream.mjs --file F [--sample 2000] [--threads N]
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { percentile } from './common.mjs';

const { values } = parseArgs({ options: { file: { type: 'string' }, sample: { type: 'string' }, threads: { type: 'string' } } });
const sample = Number(values.sample ?? 2000);
const T = 2_500_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const db = await DuckDBInstance.create(':memory:', values.threads === undefined ? {} : { threads: values.threads });
const c = await db.connect();
const file = String(values.file).replaceAll("'", "''");
await c.run(`
  CREATE TEMP TABLE src AS
  SELECT row_number() OVER (ORDER BY epoch_ms("timestamp"), id) AS rn, id, epoch_ms("timestamp") AS ts,
         CAST(amount * 100 AS BIGINT) AS minor, kind, from_account, to_account
  FROM read_csv('${file}', header = true, auto_detect = false, columns = {
    'id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'kind': 'VARCHAR',
    'channel': 'VARCHAR', 'from_account': 'VARCHAR', 'from_country': 'VARCHAR', 'to_account': 'VARCHAR',
    'to_country': 'VARCHAR', 'conductor': 'VARCHAR', 'location': 'VARCHAR', 'reference': 'VARCHAR'})`);
const total = Number((await c.runAndReadAll('SELECT count(*) AS n FROM src')).getRowObjects()[0].n);
const cut = total - sample;
await c.run(`CREATE TABLE tx AS SELECT id, ts, minor, kind, from_account, to_account FROM src WHERE rn <= ${cut} ORDER BY rn`);
const rows = (await c.runAndReadAll(`SELECT id, ts, minor, kind, from_account, to_account FROM src WHERE rn > ${cut} ORDER BY rn`)).getRowObjects();
await c.run('DROP TABLE src');

const insert = await c.prepare('INSERT INTO tx VALUES ($1, $2, $3, $4, $5, $6)');
const query = await c.prepare(`
  SELECT
    coalesce(sum(minor) FILTER (WHERE kind = 'cash_deposit' AND minor < ${T} AND ts > $2 - ${DAY}), 0) AS sum24,
    count(*) FILTER (WHERE kind = 'cash_deposit' AND minor < ${T} AND ts > $2 - ${DAY}) AS n24,
    coalesce(sum(minor) FILTER (WHERE kind = 'cash_deposit' AND minor < ${T}), 0) AS sum7,
    count(*) FILTER (WHERE kind = 'cash_deposit' AND minor < ${T}) AS n7,
    count(DISTINCT from_account) FILTER (WHERE kind = 'transfer') AS senders
  FROM tx WHERE to_account = $1 AND ts > $2 - ${WEEK} AND ts <= $2`);
const ns = new Float64Array(rows.length);
let flagged = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < rows.length; i++) {
  const r = rows[i];
  const a = process.hrtime.bigint();
  insert.bindVarchar(1, r.id);
  insert.bindBigInt(2, r.ts);
  insert.bindBigInt(3, r.minor);
  insert.bindVarchar(4, r.kind);
  if (r.from_account === null) insert.bindNull(5); else insert.bindVarchar(5, r.from_account);
  if (r.to_account === null) insert.bindNull(6); else insert.bindVarchar(6, r.to_account);
  await insert.run();
  const account = r.to_account ?? r.from_account;
  query.bindVarchar(1, account);
  query.bindBigInt(2, r.ts);
  const [q] = (await query.runAndReadAll()).getRowObjects();
  ns[i] = Number(process.hrtime.bigint() - a);
  if ((q.n24 >= 2n && q.sum24 >= BigInt(T)) || (q.n7 >= 2n && q.sum7 >= BigInt(T)) || q.senders >= 5n) flagged++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const sorted = ns.slice().sort();
const us = (x) => +(x / 1000).toFixed(1);
process.stdout.write(
  `${JSON.stringify({ history: cut, sample: rows.length, seconds, txPerSecond: Math.round(rows.length / seconds), latencyUs: { p50: us(percentile(sorted, 50)), p99: us(percentile(sorted, 99)), max: us(sorted[rows.length - 1]) }, flagged })}\n`,
);
