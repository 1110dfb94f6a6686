import fc from 'fast-check';
import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, MY_LIKE } from './builders.js';

/**
 * Scenario-sized worlds for the engine properties: a few hundred transactions over two eras 260
 * days apart (so accounts active only in the first are evicted during the second: account
 * retention is 180 days), made of rule patterns — near-threshold cash with shared conductors
 * (near_threshold_cash, split_sum, multi_location_cash, conductor_spread, round_amounts), smurfing
 * rings (multi_depositor), funnels that pay abroad (funnel_account, pass_through, corridor rules),
 * fan-outs, cash-funded transfers abroad just under the threshold (transfer_threshold_avoidance),
 * new accounts — composed over one shared pool of accounts and conductors so that patterns overlap
 * and link into networks, plus background noise.
 */
export interface World {
  readonly profile: JurisdictionProfile;
  readonly txs: readonly Transaction[];
  readonly accounts: readonly Account[];
  readonly parties: readonly Party[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 9, 1, 1);
const ERA_DAYS = [0, 260] as const;
const ABROAD = ['ID', 'LK', 'AF', 'BD', 'PK', 'MM', 'IQ'] as const;

type Draft = Omit<Transaction, 'id' | 'currency'>;
type Pattern = (p: JurisdictionProfile) => fc.Arbitrary<Draft[]>;

const account = fc.integer({ min: 0, max: 13 }).map((i) => `A${i}`);
const conductor = fc.integer({ min: 0, max: 9 }).map((i) => `P${i}`);
/** A start time: an era, a day in it, an hour. */
const start = fc.record({ era: fc.constantFrom(0, 1), day: fc.integer({ min: 0, max: 70 }), hour: fc.integer({ min: 0, max: 20 }) })
  .map(({ era, day, hour }) => T0 + ((ERA_DAYS[era] as number) + day) * DAY + hour * HOUR);
const share = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((x) => x / 1000);

/** Near-threshold cash into one account at several branches, often by a few shared conductors. */
const structuring: Pattern = (p) =>
  fc.record({ acc: account, t: start, n: fc.integer({ min: 3, max: 8 }), gapH: fc.integer({ min: 1, max: 30 }), who: fc.array(conductor, { minLength: 1, maxLength: 3 }), shares: fc.array(share(0.82, 0.99), { minLength: 8, maxLength: 8 }), round: fc.boolean() })
    .map(({ acc, t, n, gapH, who, shares, round }) => Array.from({ length: n }, (_, i): Draft => {
      const amount = Math.round((shares[i] as number) * p.cashThreshold);
      return {
        timestamp: t + i * gapH * HOUR, kind: 'cash_deposit', toAccount: acc, channel: 'branch', location: `BR${i % 4}`,
        amount: round ? Math.floor(amount / 100_000) * 100_000 || 100_000 : amount, conductor: who[i % who.length] as string,
      };
    }));

/** Many different people depositing into one account within days. */
const smurfing: Pattern = (p) =>
  fc.record({ acc: account, t: start, n: fc.integer({ min: 4, max: 9 }), first: fc.integer({ min: 0, max: 9 }), shares: fc.array(share(0.2, 0.7), { minLength: 9, maxLength: 9 }) })
    .map(({ acc, t, n, first, shares }) => Array.from({ length: n }, (_, i): Draft => ({
      timestamp: t + i * 9 * HOUR, kind: 'cash_deposit', toAccount: acc, channel: i % 2 === 0 ? 'cdm' : 'branch', location: `BR${i % 3}`,
      amount: Math.round((shares[i] as number) * p.cashThreshold), conductor: `P${(first + i) % 10}`,
    })));

/** New senders from several places pay a collector, which sends most of it abroad within days. */
const funnel: Pattern = (p) =>
  fc.record({ acc: account, t: start, n: fc.integer({ min: 5, max: 14 }), tag: fc.integer({ min: 0, max: 999 }), out: share(0.8, 0.98), dest: fc.constantFrom(...ABROAD), shares: fc.array(share(0.1, 0.3), { minLength: 14, maxLength: 14 }) })
    .map(({ acc, t, n, tag, out, dest, shares }) => {
      const ins = Array.from({ length: n }, (_, i): Draft => ({
        timestamp: t + i * 10 * HOUR, kind: 'transfer', fromAccount: `S${tag}-${i}`, toAccount: acc, fromInstitution: `BANK${i % 3}`, fromCountry: i % 3 === 2 ? 'MY' : 'AU',
        amount: Math.round((shares[i] as number) * p.cashThreshold), channel: 'online',
      }));
      const total = ins.reduce((s, x) => s + x.amount, 0);
      const outs = [0, 1].map((k): Draft => ({
        timestamp: t + (n * 10 + 6 + k * 20) * HOUR, kind: 'transfer', fromAccount: acc, toAccount: `X-${dest}-${tag}-${k}`, toCountry: dest, channel: 'remitter',
        amount: Math.max(1, Math.round((total * out) / 2)),
      }));
      return [...ins, ...outs];
    });

/** One account paying many new recipients. */
const fanOut: Pattern = (p) =>
  fc.record({ acc: account, t: start, n: fc.integer({ min: 6, max: 12 }), tag: fc.integer({ min: 0, max: 999 }), shares: fc.array(share(0.05, 0.3), { minLength: 12, maxLength: 12 }) })
    .map(({ acc, t, n, tag, shares }) => [
      { timestamp: t - 6 * HOUR, kind: 'cash_deposit', toAccount: acc, amount: Math.round(2.5 * p.cashThreshold), channel: 'branch' } as Draft,
      ...Array.from({ length: n }, (_, i): Draft => ({
        timestamp: t + i * 7 * HOUR, kind: 'transfer', fromAccount: acc, toAccount: `R${tag}-${i}`, toCountry: i % 2 === 0 ? 'AU' : 'ID', channel: 'mobile',
        amount: Math.round((shares[i] as number) * p.cashThreshold),
      })),
    ]);

/** Cash in, then transfers abroad through a remitter just under the threshold (AUSTRAC #2). */
const transfersAbroad: Pattern = (p) =>
  fc.record({ acc: account, t: start, n: fc.integer({ min: 3, max: 6 }), dest: fc.constantFrom(...ABROAD), shares: fc.array(share(0.85, 0.99), { minLength: 6, maxLength: 6 }) })
    .map(({ acc, t, n, dest, shares }) => Array.from({ length: n }, (_, i): Draft[] => [
      { timestamp: t + i * DAY, kind: 'cash_deposit', toAccount: acc, amount: Math.round((shares[i] as number) * p.cashThreshold), channel: 'branch', location: `BR${i % 2}` },
      { timestamp: t + i * DAY + 2 * HOUR, kind: 'transfer', fromAccount: acc, fromCountry: 'AU', toAccount: `${dest}-${acc}-${i}`, toCountry: dest, channel: 'remitter', amount: Math.round((shares[i] as number) * p.cashThreshold) - 1_000 },
    ]).flat());

/** One conductor spreading near-threshold cash over several pool accounts within days (links them: networks). */
const ring: Pattern = (p) =>
  fc.record({ who: conductor, t: start, accs: fc.uniqueArray(account, { minLength: 3, maxLength: 5 }), shares: fc.array(share(0.6, 0.95), { minLength: 10, maxLength: 10 }) })
    .map(({ who, t, accs, shares }) => [...accs, ...accs].map((acc, i): Draft => ({
      timestamp: t + i * 11 * HOUR, kind: 'cash_deposit', toAccount: acc, conductor: who, channel: 'branch', location: `BR${i % 5}`,
      amount: Math.round((shares[i] as number) * p.cashThreshold),
    })));

/**
 * A case split over two accounts of one holder (linked through accounts.csv): one collects from new
 * senders (funnel_account, network_flow), the other takes small cash from several people at several
 * branches (multi_depositor, threshold_avoidance). Neither scores much alone; together they
 * corroborate — a network alert.
 */
const splitCase: Pattern = (p) =>
  fc.record({ t: start, tag: fc.integer({ min: 0, max: 999 }), n: fc.integer({ min: 6, max: 10 }), k: fc.integer({ min: 5, max: 6 }), shares: fc.array(share(0.1, 0.15), { minLength: 10, maxLength: 10 }) })
    .map(({ t, tag, n, k, shares }) => [
      ...Array.from({ length: n }, (_, i): Draft => ({
        timestamp: t + i * 8 * HOUR, kind: 'transfer', fromAccount: `NS${tag}-${i}`, toAccount: `NC${tag}`, fromInstitution: `BANK${i % 3}`,
        amount: Math.round((shares[i] as number) * 1.5 * p.cashThreshold) + 37, channel: 'online',
      })),
      ...Array.from({ length: k }, (_, i): Draft => ({
        timestamp: t + i * 20 * HOUR + HOUR, kind: 'cash_deposit', toAccount: `ND${tag}`, channel: 'branch', conductor: `NK${tag}-${i}`, location: `BR${i % 3}`,
        amount: Math.round((shares[i] as number) * p.cashThreshold) + 71,
      })),
    ]);

/** Everyday life: small transfers and cash between pool accounts, over both eras. */
const noise: Pattern = (p) =>
  fc.array(fc.record({ from: account, to: account, kind: fc.constantFrom('transfer', 'cash_deposit', 'cash_withdrawal'), t: start, share: share(0.001, 0.4) }), { minLength: 120, maxLength: 260 })
    .map((list) => list.map(({ from, to, kind, t, share: s }): Draft => {
      const amount = Math.max(100, Math.round(s * p.cashThreshold));
      if (kind === 'cash_deposit') return { timestamp: t, kind, toAccount: to, amount, channel: 'atm' };
      if (kind === 'cash_withdrawal') return { timestamp: t, kind, fromAccount: from, amount, channel: 'atm' };
      return { timestamp: t, kind: 'transfer', fromAccount: from, toAccount: from === to ? `${to}x` : to, amount, channel: 'online' };
    }));

const PATTERNS: readonly Pattern[] = [structuring, smurfing, funnel, fanOut, transfersAbroad, ring, splitCase];

/**
 * A world: a profile (per-transaction AU-like or calendar-day MY-like), 5 to 10 patterns drawn with
 * repetition, noise, and reference data (some pool accounts opened just before their era, their
 * holders as parties). Transaction ids are assigned in generation order, not time order.
 */
export const arbWorld: fc.Arbitrary<World> = fc.constantFrom(AU_LIKE, MY_LIKE).chain((profile) =>
  fc.tuple(
    fc.array(fc.integer({ min: 0, max: PATTERNS.length - 1 }), { minLength: 6, maxLength: 12 }).chain((picks) => fc.tuple(...picks.map((i) => (PATTERNS[i] as Pattern)(profile)))),
    noise(profile),
    fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
  ).map(([patterns, background, isNew]) => {
    const drafts = [...patterns.flat(), ...background];
    const txs = drafts.map((d, i): Transaction => ({ ...d, id: `w${String(i).padStart(4, '0')}`, currency: profile.currency }));
    const accounts: Account[] = isNew.map((fresh, i) => ({
      account: `A${i}`, party: `H${i % 5}`, type: i === 13 ? 'business' : 'personal',
      openedAt: fresh ? T0 + (i % 2 === 0 ? 0 : ERA_DAYS[1] * DAY) - 5 * DAY : T0 - 900 * DAY,
    }));
    // The split cases' two accounts share a holder.
    const cases = new Set(drafts.flatMap((d) => [d.toAccount ?? '']).filter((a) => /^N[CD]\d/.test(a)));
    for (const a of [...cases].sort()) accounts.push({ account: a, party: `NH${a.slice(2)}`, type: 'personal', openedAt: T0 - 900 * DAY });
    const parties: Party[] = Array.from({ length: 10 }, (_, i) => ({ party: `H${i}`, name: `Holder ${i}`, country: 'AU', ...(i < 4 ? { phone: `+61 400 000 00${i % 2}` } : {}) }));
    return { profile, txs, accounts, parties };
  }),
);
