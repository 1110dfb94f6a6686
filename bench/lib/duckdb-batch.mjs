#!/usr/bin/env node
// DuckDB reference for the end-to-end benchmark: reads the same canonical CSV and evaluates three
// reference rules with window SQL, in one process (run as a child so its peak RSS is its own).
//   str24h / str7d: per account, sub-threshold cash deposits (amount < MYR 25,000) whose rolling sum
//     over a RANGE window of the last 24 h / 7 days (ts - window, ts] reaches the threshold with >= 2 pieces.
//   fanin7d: per beneficiary, distinct senders of transfers in the last 7 days >= 5. The brief assumed
//     DuckDB has no DISTINCT in window frames, so the reported method is a self-join (range join on
//     beneficiary and time); `--fanin list` uses list aggregation (list_distinct(list(..) OVER w)) and
//     `--fanin window` DuckDB 1.5's own count(DISTINCT ..) OVER w, for comparison.
// Usage: node bench/lib/duckdb-batch.mjs --file F [--threads N] [--fanin selfjoin|list|window]
// Prints one JSON line: { seconds, loadSeconds, rules: { str24h: { seconds, flagged, accounts }, ... } }.
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values } = parseArgs({ options: { file: { type: 'string' }, threads: { type: 'string' }, fanin: { type: 'string' } } });
const T = 2_500_000;
const WEEK = 7 * 86_400_000;
const fanin = values.fanin ?? 'selfjoin';

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', values.threads === undefined ? {} : { threads: values.threads });
const c = await db.connect();
const lap = async (sql) => {
  const s = performance.now();
  await c.run(sql);
  return (performance.now() - s) / 1000;
};
const file = String(values.file).replaceAll("'", "''");
const loadSeconds = await lap(`
  CREATE TABLE tx AS
  SELECT id, epoch_ms("timestamp") AS ts, CAST(amount * 100 AS BIGINT) AS minor, currency, kind, channel,
         from_account, to_account, conductor, location
  FROM read_csv('${file}', header = true, auto_detect = false, columns = {
    'id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'amount': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'kind': 'VARCHAR',
    'channel': 'VARCHAR', 'from_account': 'VARCHAR', 'from_country': 'VARCHAR', 'to_account': 'VARCHAR',
    'to_country': 'VARCHAR', 'conductor': 'VARCHAR', 'location': 'VARCHAR', 'reference': 'VARCHAR'})`);

const structuring = (name, windowMs) => `
  CREATE TABLE ${name} AS
  SELECT acct, id, ts, total, pieces FROM (
    SELECT to_account AS acct, id, ts,
           sum(minor) OVER w AS total, count(*) OVER w AS pieces
    FROM tx WHERE kind = 'cash_deposit' AND minor < ${T}
    WINDOW w AS (PARTITION BY to_account ORDER BY ts RANGE BETWEEN ${windowMs - 1} PRECEDING AND CURRENT ROW)
  ) WHERE total >= ${T} AND pieces >= 2`;

const faninSql = {
  selfjoin: `
    CREATE TABLE fanin7d AS
    SELECT t.to_account AS acct, t.id, t.ts, count(DISTINCT s.from_account) AS senders
    FROM tx t JOIN tx s
      ON s.to_account = t.to_account AND s.ts > t.ts - ${WEEK} AND s.ts <= t.ts
    WHERE t.kind = 'transfer' AND s.kind = 'transfer'
    GROUP BY t.to_account, t.id, t.ts
    HAVING count(DISTINCT s.from_account) >= 5`,
  list: `
    CREATE TABLE fanin7d AS
    SELECT acct, id, ts, senders FROM (
      SELECT to_account AS acct, id, ts, len(list_distinct(list(from_account) OVER w)) AS senders
      FROM tx WHERE kind = 'transfer'
      WINDOW w AS (PARTITION BY to_account ORDER BY ts RANGE BETWEEN ${WEEK - 1} PRECEDING AND CURRENT ROW)
    ) WHERE senders >= 5`,
  window: `
    CREATE TABLE fanin7d AS
    SELECT acct, id, ts, senders FROM (
      SELECT to_account AS acct, id, ts, count(DISTINCT from_account) OVER w AS senders
      FROM tx WHERE kind = 'transfer'
      WINDOW w AS (PARTITION BY to_account ORDER BY ts RANGE BETWEEN ${WEEK - 1} PRECEDING AND CURRENT ROW)
    ) WHERE senders >= 5`,
}[fanin];
if (faninSql === undefined) throw new Error(`unknown --fanin ${fanin}`);

const rules = {};
for (const [name, sql] of [['str24h', structuring('str24h', 86_400_000)], ['str7d', structuring('str7d', WEEK)], ['fanin7d', faninSql]]) {
  const seconds = await lap(sql);
  const r = await c.runAndReadAll(`SELECT count(*) AS flagged, count(DISTINCT acct) AS accounts FROM ${name}`);
  const [row] = r.getRowObjects();
  rules[name] = { seconds, flagged: Number(row.flagged), accounts: Number(row.accounts) };
}
const rows = Number((await c.runAndReadAll('SELECT count(*) AS n FROM tx')).getRowObjects()[0].n);
const threads = (await c.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0].t;
const seconds = (performance.now() - t0) / 1000;
c.closeSync?.();
process.stdout.write(`${JSON.stringify({ seconds, loadSeconds, rows, threads: Number(threads), fanin, rules })}\n`);
