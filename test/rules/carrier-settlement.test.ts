import { describe, expect, test } from 'vitest';
import { carrierSettlement, paysCarrier } from '../../src/rules/flow/carrier-settlement.js';
import { passThrough } from '../../src/rules/flow/pass-through.js';
import { transferThresholdAvoidance } from '../../src/rules/structuring/transfer-threshold-avoidance.js';
import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import type { EntityWindow, WindowEvent } from '../../src/rules/types.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// Issue 14: travel agents (business accounts settling ticket sales with airlines through the IATA
// BSP) alerted as collectors; their settlements are the trade that explains the pattern.
const D = 24;
const au = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ fromCountry: 'AU', toCountry: 'AU', ...extra });
const out = (name: string, reference: string | undefined, day: number): WindowEvent =>
  ({ id: `E${day}`, ts: day * 86_400_000, direction: 'out', kind: 'transfer', amount: 100, counterpartyName: name, tx: { reference } }) as unknown as WindowEvent;
const win = (type: Account['type'], events: WindowEvent[]): EntityWindow =>
  ({ kind: 'account', id: 'AG', events, start: 0, account: { account: 'AG', type } }) as unknown as EntityWindow;

describe('carrier settlement (travel-agent look-alike)', () => {
  test('a business paying airlines or the BSP on two different days is a ticketing agent; one day, or a person, is not', () => {
    expect(paysCarrier(out('AIRASIA BERHAD', undefined, 1))).toBe(true);
    expect(paysCarrier(out('Coastal Tours Pty Ltd', 'BSP SETTLEMENT 20250305', 1))).toBe(true);
    expect(paysCarrier(out('Harbour Air Freight Pty Ltd', 'stock', 1))).toBe(false);
    const two = [out('MALAYSIA AIRLINES BERHAD', 'BSP SETTLEMENT', 1), out('IATA BSP MALAYSIA', 'BSP SETTLEMENT', 8)];
    expect(carrierSettlement(win('business', two))).toEqual({ factor: 0.3, why: 'carrier_settlement' });
    expect(carrierSettlement(win('business', [two[0] as WindowEvent, out('BATIK AIR MALAYSIA', 'BSP', 1.5)]))).toBeUndefined();
    expect(carrierSettlement(win('personal', two))).toBeUndefined();
  });

  test('transfer_threshold_avoidance: BSP settlements just under the threshold are not avoidance; the same sums to a supplier are', () => {
    const TH_LIKE: JurisdictionProfile = { ...AU_LIKE, transferThresholds: [{ scope: 'any', amount: 10_000_000, inclusive: true, name: 'Electronic transfer' }] };
    const bsp = [0, 2, 4].map((d) => transfer('AG', `AIR${d}`, 9_200_000, d * D, au({ toName: 'BATIK AIR MALAYSIA', reference: 'BSP SETTLEMENT' })));
    expect(hitsOf([transferThresholdAvoidance()], bsp, { profile: TH_LIKE }).filter((h) => h.entity.id === 'AG')).toHaveLength(0);
    const supplier = bsp.map((t) => ({ ...t, toName: 'Metro Supplies Pty Ltd', reference: 'payment' }));
    expect(hitsOf([transferThresholdAvoidance()], supplier, { profile: TH_LIKE }).filter((h) => h.entity.id === 'AG')).toHaveLength(1);
  });

  test('pass_through on a travel agent: customers’ ticket money paid on to airlines is discounted × 0.3', () => {
    const accounts: Account[] = [{ account: 'COL', party: 'P-AG', type: 'business', country: 'AU' }];
    const txs = (payee: string, reference: string) => [0, 1, 2].flatMap((i) => [
      transfer(`C${i}`, 'COL', 200_000, i * 2 * D, au({ reference: 'air ticket' })),
      transfer('COL', `A${i}`, 200_000, i * 2 * D + 12, au({ toName: payee, reference })),
    ]);
    const run = (t: Transaction[]) => rawHitsOf([passThrough()], t, { accounts }).filter((h) => h.entity.id === 'COL');
    const plain = run(txs('Metro Supplies Pty Ltd', 'payment'));
    const agent = run(txs('AIRASIA BERHAD', 'BSP SETTLEMENT'));
    expect(plain).toHaveLength(1);
    expect(agent).toHaveLength(1);
    expect(String(agent[0]?.facts['discount'])).toContain('carrier_settlement');
    expect(agent[0]?.strength).toBeCloseTo((plain[0]?.strength ?? 0) * 0.3, 2);
  });
});
