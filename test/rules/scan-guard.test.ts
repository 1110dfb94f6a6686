import { describe, expect, test } from 'vitest';
import { beyondGuard, guardFacts, guardedStart, noteStop, scanGuard, scanRecent } from '../../src/rules/scan-guard.js';
import { corridorFlow } from '../../src/rules/context/corridor-flow.js';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import { feeMatch } from '../../src/rules/context/fee-match.js';
import { RULE_FACTORIES } from '../../src/rules/default-rules.js';
import type { EntityWindow, WindowEvent } from '../../src/rules/types.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;

/** A window of events at ts 0, 10, 20, … (oldest first), the first `start` of them expired. */
function windowOf(count: number, start = 0): EntityWindow {
  const events = Array.from({ length: count }, (_, i) => ({ id: `E${i}`, ts: i * 10 }) as unknown as WindowEvent);
  return { kind: 'account', id: 'A', events, start, expiredTs: undefined, account: undefined, party: undefined };
}

describe('scan guard primitives', () => {
  test('scanRecent reads at most the limit, newest first; reached only when an event of the span is left unread', () => {
    const w = windowOf(10); // ts 0..90
    const seen: string[] = [];
    const g = scanGuard(4);
    scanRecent(w, 0, g, (e) => void seen.push(e.id));
    expect(seen).toEqual(['E9', 'E8', 'E7', 'E6']);
    expect(g.reached).toBe(true);
    // Boundary: the span holds exactly the limit (ts 60..90): read whole, not reached; one more event (ts 50) reaches it.
    const exact = scanGuard(4);
    scanRecent(w, 60, exact, () => undefined);
    expect(exact.reached).toBe(false);
    const over = scanGuard(4);
    scanRecent(w, 50, over, () => undefined);
    expect(over.reached).toBe(true);
    // A visit that stops the scan itself, or the window's expired part, never reaches the guard.
    const stopped = scanGuard(4);
    scanRecent(w, 0, stopped, () => false);
    expect(stopped.reached).toBe(false);
    const expired = scanGuard(4);
    scanRecent(windowOf(10, 6), 0, expired, () => undefined);
    expect(expired.reached).toBe(false);
  });

  test('guardedStart: the oldest event at or after `from` among the newest `limit`; reached only when the span holds more', () => {
    const w = windowOf(10); // ts 0..90
    const exact = scanGuard(4);
    expect(guardedStart(w, 60, exact)).toBe(6); // exactly 4 events at or after ts 60
    expect(exact.reached).toBe(false);
    const inside = scanGuard(4);
    expect(guardedStart(w, 75, inside)).toBe(8); // ts 80, 90
    expect(inside.reached).toBe(false);
    const over = scanGuard(4);
    expect(guardedStart(w, 50, over)).toBe(6); // 5 events: the newest 4 are read
    expect(over.reached).toBe(true);
    const expired = scanGuard(20);
    expect(guardedStart(windowOf(10, 6), 0, expired)).toBe(6); // never before the window's start
    expect(expired.reached).toBe(false);
  });

  test('noteStop and beyondGuard: the next unread event inside the span, or more than the limit at or after `from`', () => {
    const w = windowOf(10);
    const a = scanGuard(4);
    noteStop(a, w, 4, 5, 50); // stopped at the limit with E5 (ts 50) unread and inside the span
    expect(a.reached).toBe(true);
    const b = scanGuard(4);
    noteStop(b, w, 4, 5, 51); // E5 is before the span: nothing was cut
    expect(b.reached).toBe(false);
    const c = scanGuard(4);
    noteStop(c, w, 3, 5, 0); // stopped before the limit (for another reason)
    expect(c.reached).toBe(false);
    expect(beyondGuard(w, 60, scanGuard(4))).toBe(false); // exactly 4 events at or after ts 60
    expect(beyondGuard(w, 59, scanGuard(4))).toBe(false);
    expect(beyondGuard(w, 50, scanGuard(4))).toBe(true); // 5 events
    expect(guardFacts({ n: 1 }, scanGuard(4))).toEqual({ n: 1 });
    const reached = scanGuard(4);
    reached.reached = true;
    expect(guardFacts({ n: 1 }, reached)).toEqual({ n: 1, scanLimit: 4 });
  });

  test('every rule with a scan guard defaults it to the highest value its option allows', () => {
    const guarded = Object.entries(RULE_FACTORIES)
      .map(([id, make]) => ({ id, options: (make as (o?: object) => { options: Record<string, unknown> })().options }))
      .filter((r) => r.options['maxScan'] !== undefined);
    expect(guarded.map((r) => r.id).sort()).toEqual([
      'cash_out_relay', 'cash_site', 'corridor_collector', 'corridor_flow', 'debt_repayment', 'fan_out', 'fee_match', 'funnel_account', 'hotspot_cash', 'layering_hop',
      'new_account', 'pass_through', 'ransom_burst', 'relay_abroad', 'sailing_season', 'slow_funnel', 'sub_collector', 'third_party_payer', 'unlicensed_remitter', 'wage_diversion',
    ]);
    for (const r of guarded) {
      const limit = r.options['maxScan'] as number;
      expect(() => (RULE_FACTORIES as Record<string, (o: object) => unknown>)[r.id]?.({ maxScan: limit + 1 }), r.id).toThrow();
    }
  });
});

describe('a hit raised after a scan stopped at the guard says so (facts.scanLimit)', () => {
  const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
  const worker: { account: Account; party: Party } = {
    account: { account: 'W1', party: 'P-W1', type: 'personal', openedAt: at(-21 * D), country: 'MY' },
    party: { party: 'P-W1', name: 'Rafiqul Islam Mondal', country: 'BD', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' },
  };
  const employer: Account = { account: 'EMP', type: 'business', country: 'MY' };
  const txs = [
    ...[0, 30, 60, 90, 120, 150].map((d) => transfer('EMP', 'W1', 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' }))),
    // 120 small cash withdrawals in the first fortnight: a busy start, all inside the rule's 180 days.
    ...Array.from({ length: 120 }, (_, i) => withdrawal('W1', 5_000, 2 * D + i * 0.1 * D, { currency: 'MYR' })),
    ...[21, 51, 81, 111, 141, 171].map((d) => transfer('W1', 'BD-COL', 80_000, d * D + 5, myr({ toCountry: 'BD', toName: 'Abdul Kuddus Talukder', channel: 'remitter' }))),
  ];
  const payerHit = (maxScan?: number) =>
    rawHitsOf([debtRepayment(maxScan === undefined ? {} : { maxScan })], txs, { profile: MY_LIKE, accounts: [employer, worker.account], parties: [worker.party] })
      .find((h) => h.entity.id === 'W1' && h.variant === 'payer');

  test('debt_repayment: read whole by default; stopped at 100 events before the busy fortnight, the hit says so', () => {
    const whole = payerHit();
    expect(whole?.facts).toMatchObject({ payments: 6 });
    expect(whole?.facts['scanLimit']).toBeUndefined();
    const cut = payerHit(100);
    expect(cut?.facts).toMatchObject({ payments: 6, scanLimit: 100 });
    // A guard of 140 reads all 132 events of the 180 days: not reached.
    expect(payerHit(140)?.facts['scanLimit']).toBeUndefined();
  });

  test('corridor_flow: senders after a busy stretch of payments out; stopped in that stretch, the hit says so', () => {
    const NAMES = ['Nurul Amin', 'Mohammad Yunus', 'Abdul Shukur', 'Faisal Rahman'];
    const inflow = (i: number, day: number) =>
      transfer(`S${i}`, 'COL', 300_000, day * D, { currency: 'MYR', fromCountry: 'BD', toCountry: 'MY', fromName: NAMES[i] as string, channel: 'remitter' });
    // 60 domestic payments out over ten days, then four senders in Bangladesh: 64 events within the 30 days.
    const busy = [...Array.from({ length: 60 }, (_, i) => transfer('COL', `SHOP${i}`, 1_000, i * 4, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY' })), ...[11, 12, 13, 14].map((d, i) => inflow(i, d))];
    const strongest = (maxScan?: number) => rawHitsOf([corridorFlow(maxScan === undefined ? {} : { maxScan })], busy, { profile: MY_LIKE }).find((h) => h.entity.id === 'COL');
    expect(strongest()?.facts).toMatchObject({ counterparties: 4 });
    expect(strongest()?.facts['scanLimit']).toBeUndefined();
    expect(strongest(50)?.facts).toMatchObject({ counterparties: 4, scanLimit: 50 });
    expect(strongest(64)?.facts['scanLimit']).toBeUndefined(); // exactly the 64 events of the span: read whole
  });

  test('fee_match: a busy account beyond the guard reports it; at the guard exactly it does not', () => {
    const NAMES = ['Nurul Amin', 'Mohammad Yunus'];
    const pay = (i: number, ringgit: number, day: number) =>
      transfer(`S${i}`, 'COL', Math.round(ringgit * 100), day * D, { currency: 'MYR', fromCountry: 'BD', toCountry: 'MY', fromName: NAMES[i] as string });
    // 48 small domestic payments out, then two fee-sized payments in: 50 events in the span.
    const noise = Array.from({ length: 48 }, (_, i) => transfer('COL', `SHOP${i}`, 1_000, i, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY' }));
    const fire = (txs: Transaction[]) => rawHitsOf([feeMatch({ maxScan: 50 })], txs, { profile: MY_LIKE }).filter((h) => h.entity.id === 'COL').at(-1);
    const exact = fire([...noise, pay(0, 4_000, 3), pay(1, 6_500, 10)]);
    expect(exact?.facts['senders']).toBe(2);
    expect(exact?.facts['scanLimit']).toBeUndefined();
    const over = fire([transfer('COL', 'SHOPX', 1_000, -1, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY' }), ...noise, pay(0, 4_000, 3), pay(1, 6_500, 10)]);
    expect(over?.facts['senders']).toBe(2);
    expect(over?.facts['scanLimit']).toBe(50);
  });
});
