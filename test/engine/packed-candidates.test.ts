import { afterEach, describe, expect, test, vi } from 'vitest';
import { mergePartitionScans, scanPartition, type PartitionScan } from '../../src/engine/partitioned-scan.js';
import { scan } from '../../src/engine/scan.js';
import {
  PackedCandidate, candidateAlertId, candidateCanJoin, candidateEntity, packCandidates, packPartitionScan, unpackCandidates, unpackPartitionScan,
} from '../../src/engine/packed-candidates.js';
import { isNetworkCandidate } from '../../src/engine/network.js';
import { EVIDENCE_KINDS } from '../../src/engine/evidence-kinds.js';
import { loadScenario } from '../../examples/scenarios/load.js';

const bank = loadScenario('examples/data');
const optionsOf = async () => {
  const s = await bank;
  return { transactions: s.transactions, options: { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, minScore: 0 } };
};

/** A partition scan as a worker posts it and the main thread receives it: packed, then structured-cloned. */
const throughThread = (part: PartitionScan) => {
  const { packed, transfer } = packPartitionScan(part);
  return structuredClone(packed, { transfer });
};

afterEach(() => vi.restoreAllMocks());

describe('packed network candidates', () => {
  test('the demo bank: partitions packed, sent and unpacked merge to exactly one scan, for 1, 2 and 3 partitions', async () => {
    const { transactions, options } = await optionsOf();
    const whole = JSON.stringify(scan(transactions, options));
    expect(whole).toContain('"kind":"network"');
    for (const count of [1, 2, 3]) {
      const parts = Array.from({ length: count }, (_, index) => scanPartition(transactions, options, { index, count }));
      const merged = mergePartitionScans(parts.map(throughThread).map(unpackPartitionScan), options);
      expect(JSON.stringify(merged)).toBe(whole);
    }
  });

  test('each candidate reads back equal: entity, alert id and joinability without its alert; alert and evidence as through JSON', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const back = unpackCandidates(structuredClone(packCandidates(candidates)));
    expect(back).toHaveLength(candidates.length);
    let scored = 0;
    let withEvidence = 0;
    candidates.forEach((c, i) => {
      const b = back[i] as PackedCandidate;
      expect(candidateEntity(b)).toMatchObject(c.alert.entity);
      expect(candidateAlertId(b)).toBe(c.alert.id);
      expect(candidateCanJoin(b)).toBe(isNetworkCandidate(c.alert));
      expect(b.evidence).toEqual(c.evidence);
      expect(b.alert).toEqual(JSON.parse(JSON.stringify(c.alert)));
      if (isNetworkCandidate(c.alert)) scored++;
      if (c.evidence !== undefined) withEvidence++;
    });
    // Both kinds are there: alerts that score, and accounts kept for their legs and hops only.
    expect(scored).toBeGreaterThan(20);
    expect(withEvidence).toBeGreaterThan(20);
    expect(candidates.length - scored).toBeGreaterThan(20);
  });

  test('the merge parses only the alerts it reads (scored candidates and structure members), not every evidence-only account', async () => {
    const { transactions, options } = await optionsOf();
    const part = throughThread(scanPartition(transactions, options, { index: 0, count: 1 }));
    const unpacked = unpackPartitionScan(part);
    const scored = unpacked.candidates.filter(candidateCanJoin).length;
    const parse = vi.spyOn(JSON, 'parse');
    mergePartitionScans([unpacked], options);
    // Alerts are JSON objects, a kind's records JSON arrays.
    const alerts = parse.mock.calls.filter(([text]) => text.startsWith('{')).length;
    const records = parse.mock.calls.filter(([text]) => text.startsWith('[')).length;
    expect(unpacked.candidates.length - scored).toBeGreaterThan(20);
    expect(alerts).toBeGreaterThanOrEqual(scored);
    expect(alerts).toBeLessThan(scored + (unpacked.candidates.length - scored) / 2);
    // Records are read kind by kind where a stage needs them, and not kept: more reads than candidates with records.
    expect(records).toBeGreaterThan(unpacked.candidates.filter((c) => c.evidence !== undefined).length);
  });

  test('an alert is parsed when first read: a damaged alert fails only its own reader', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const packed = packCandidates(candidates.slice(0, 2));
    const second = 1 + EVIDENCE_KINDS.length; // segments per candidate: its alert, then each kind of records
    packed.bodies.fill(0x7b, packed.offsets[second], packed.offsets[second + 1]); // the second alert becomes '{{{…'
    const [a, b] = unpackCandidates(packed) as [PackedCandidate, PackedCandidate];
    expect(a.alert.id).toBe(candidates[0]?.alert.id);
    expect(candidateAlertId(b)).toBe(candidates[1]?.alert.id);
    expect(() => b.alert).toThrow(SyntaxError);
  });

  test('parts that disagree in length are refused', () => {
    const packed = packCandidates([]);
    expect(unpackCandidates(packed)).toEqual([]);
    expect(() => unpackCandidates({ ...packed, heads: '[["account","A","x",0]]' })).toThrow(RangeError);
  });
});
