import { describe, expect, test } from 'vitest';
import { formatText } from '../../src/cli/format-text.js';
import type { Account, Party } from '../../src/index.js';
import type { Alert } from '../../src/scoring/alert.js';

const alert = (over: Partial<Alert> = {}): Alert => ({
  schema: 'tidewatch/alert@1',
  id: 'a1b2c3',
  entity: { kind: 'account', id: 'MY1' },
  score: 72,
  band: 'high',
  typologies: [{ id: 'structuring', score: 40 }, { id: 'smuggling_collection', score: 72 }],
  contributions: [{ rule: 'funnel_account', weight: 45, strength: 0.9, points: 41, typology: 'smuggling_collection' }],
  hits: [{
    rule: 'funnel_account', indicators: ['MS-FUN-01'], strength: 0.9,
    // 23:30 UTC on 10 Oct is 07:30 on 11 Oct in Kuala Lumpur.
    window: { from: '2024-10-10T23:30:00.000Z', to: '2024-10-17T02:00:00.000Z' },
    transactionIds: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8'], transactionCount: 42,
    reason: 'Possible funnel-account pattern: …', facts: {},
  }],
  firstSeen: '2024-10-10T23:30:00.000Z',
  lastSeen: '2024-10-17T02:00:00.000Z',
  engine: { version: '0.1.0', config: 'c0ffee', jurisdiction: 'MY' },
  ...over,
});

const accounts = new Map<string, Account>([['MY1', { account: 'MY1', party: 'P1' }], ['MY2', { account: 'MY2' }]]);
const parties = new Map<string, Party>([['P1', { party: 'P1', name: 'Siti Aminah' }]]);

describe('formatText: what an analyst reads in a terminal', () => {
  test('alert id, holder name, dates in the zone, evidence count beside the ids, next checks of the leading typology, where the rest is', () => {
    const text = formatText([alert()], { accounts, parties, total: 3, timeZone: 'Asia/Kuala_Lumpur' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('3 alerts, the top 1 shown; dates in Asia/Kuala_Lumpur.');
    expect(lines[2]).toBe('#1  72 HIGH  account MY1 (Siti Aminah)  2024-10-11 → 2024-10-17  alert a1b2c3');
    expect(text).toContain('    - 2024-10-11 → 2024-10-17  [MS-FUN-01] Possible funnel-account pattern: …');
    expect(text).toContain('      evidence (42 transactions): T1, T2, T3, T4, T5, T6 and 36 more');
    expect(text).toContain('    next checks (possible smuggling-fee collection):');
    expect(text).toContain('--format html --out report.html');
    expect(text).toContain('--format json');
    expect(text.trimEnd().endsWith('purpose and context are for the analyst to establish.')).toBe(true);
  });

  test('network alerts name their members where known; one-day spans print one date; UTC without a zone', () => {
    const net = alert({
      id: 'n1', entity: { kind: 'network', id: 'net-1' },
      members: [{ kind: 'account', id: 'MY1' }, { kind: 'account', id: 'MY2' }, { kind: 'party', id: 'P1' }],
      firstSeen: '2024-10-10T01:00:00.000Z', lastSeen: '2024-10-10T05:00:00.000Z',
    });
    const text = formatText([net], { accounts, parties });
    expect(text).toContain('#1  72 HIGH  network net-1  2024-10-10  alert n1');
    expect(text).toContain('    members: account MY1 (Siti Aminah), account MY2, party P1 (Siti Aminah)');
    expect(text.split('\n')[0]).toBe('1 alert; dates in UTC.');
  });

  test('a typology without shipped checks gets the generic ones; no alerts says so', () => {
    const text = formatText([alert({ typologies: [{ id: 'fee_collection', score: 60 }] })]);
    expect(text).toContain('    next checks:\n      * Compare the activity with the customer');
    expect(formatText([])).toBe('No alerts at or above the minimum score.\n');
  });
});
