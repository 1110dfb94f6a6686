#!/usr/bin/env node
// Deterministic generator of N canonical transactions (CSV) for benchmarks: ~100k accounts,
// Zipf-skewed beneficiaries, injected near-threshold cash, split sums and fan-in collectors.
// Usage: node bench/generate.mjs --rows 1000000 --out bench/data/tx-1m.csv [--seed 1] [--accounts 100000] [--days 180]
// (--days stretches the same rows per day over a longer history: 3M rows over 540 days keep the
// 1M/180-day density, which is what the flat-memory benchmark needs.)
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

/** Mulberry32: small, fast, seeded. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = 'id,timestamp,amount,currency,kind,channel,from_account,from_country,to_account,to_country,conductor,location,reference\n';
const pad = (n) => String(n).padStart(2, '0');
function iso(ms) {
  const d = new Date(ms + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}
const money = (sen) => `${Math.floor(sen / 100)}.${String(sen % 100).padStart(2, '0')}`;

/**
 * Writes `rows` transactions to `out`; returns a promise of the byte count.
 * Threshold context: MYR 25,000 (2,500,000 sen) cash reporting, calendar day.
 */
export async function generate({ rows = 1_000_000, out, seed = 1, accounts = 100_000, days = 180 } = {}) {
  mkdirSync(dirname(out), { recursive: true });
  const r = rng(seed);
  const stream = createWriteStream(out);
  const start = Date.UTC(2025, 0, 1);
  const span = days * 86_400_000;
  const zipf = () => Math.min(accounts - 1, Math.floor(accounts * Math.pow(r(), 3)));
  const acct = (i) => `MY${String(i).padStart(7, '0')}`;
  const collectors = Array.from({ length: 200 }, () => Math.floor(r() * accounts));
  const structurers = Array.from({ length: 500 }, () => Math.floor(r() * accounts));
  let buf = HEADER;
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    const ts = start + Math.floor((i / rows) * span) + Math.floor(r() * 60_000);
    const p = r();
    let line;
    if (p < 0.62) {
      const from = Math.floor(r() * accounts);
      const to = zipf();
      line = `T${i},${iso(ts)},${money(1000 + Math.floor(r() * 500_000))},MYR,transfer,online,${acct(from)},MY,${acct(to)},MY,,,`;
    } else if (p < 0.72) {
      const to = collectors[Math.floor(r() * collectors.length)];
      const country = ['BD', 'MM', 'MY', 'ID'][Math.floor(r() * 4)];
      line = `T${i},${iso(ts)},${money(350_000 + Math.floor(r() * 100_000))},MYR,transfer,mobile,X${Math.floor(r() * 1e6)},${country},${acct(to)},MY,,,fee`;
    } else if (p < 0.86) {
      const to = Math.floor(r() * accounts);
      line = `T${i},${iso(ts)},${money(5_000 + Math.floor(r() * 1_500_000))},MYR,cash_deposit,branch,,,${acct(to)},MY,P${Math.floor(r() * 50_000)},BR${Math.floor(r() * 300)},`;
    } else if (p < 0.89) {
      const to = structurers[Math.floor(r() * structurers.length)];
      const amount = r() < 0.5 ? 2_250_000 + Math.floor(r() * 249_999) : 900_000 + Math.floor(r() * 400_000);
      line = `T${i},${iso(ts)},${money(amount)},MYR,cash_deposit,cdm,,,${acct(to)},MY,P${Math.floor(r() * 50_000)},BR${Math.floor(r() * 300)},`;
    } else {
      const from = Math.floor(r() * accounts);
      line = `T${i},${iso(ts)},${money(5_000 + Math.floor(r() * 800_000))},MYR,cash_withdrawal,atm,${acct(from)},MY,,,,ATM${Math.floor(r() * 900)},`;
    }
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      bytes += buf.length;
      if (!stream.write(buf)) await new Promise((res) => stream.once('drain', res));
      buf = '';
    }
  }
  bytes += buf.length;
  stream.end(buf);
  await new Promise((res, rej) => stream.on('finish', res).on('error', rej));
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, accounts: { type: 'string' }, days: { type: 'string' } } });
  const rows = Number(values.rows ?? 1_000_000);
  const out = values.out ?? `bench/data/tx-${rows}.csv`;
  const bytes = await generate({ rows, out, seed: Number(values.seed ?? 1), accounts: Number(values.accounts ?? 100_000), days: Number(values.days ?? 180) });
  console.error(`wrote ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB to ${out}`);
}
