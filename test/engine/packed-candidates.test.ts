import { afterEach, describe, expect, test, vi } from 'vitest';
import { mergePartitionScans, scanPartition, type PartitionScan } from '../../src/engine/partitioned-scan.js';
import { scan } from '../../src/engine/scan.js';
import {
  bodiesLength, PackedCandidate, candidateAlertId, candidateCanJoin, candidateEntity, createCandidatePacker, packCandidates, packPartitionScan, packedScan, unpackCandidates, unpackPartitionScan,
} from '../../src/engine/packed-candidates.js';
import { isNetworkCandidate } from '../../src/engine/network.js';
import { EVIDENCE_KINDS } from '../../src/engine/evidence-kinds.js';
import { loadScenario } from '../../examples/scenarios/load.js';
import type { NetworkCandidate } from '../../src/engine/network-candidate.js';
import type { Alert } from '../../src/scoring/alert.js';
import { resolveConfig } from '../../src/engine/config.js';
import { createPartitionSink } from '../../src/engine/partition-sink.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';

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
      const merged = mergePartitionScans(parts.map(throughThread).map((p) => unpackPartitionScan(p)), options);
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
      // The record counts come from the pack's counts, without reading the records.
      for (let k = -1; k <= EVIDENCE_KINDS.length; k++) expect(b.recordCount(k)).toBe(c.evidence?.[k]?.length ?? 0);
      expect(b.hasRecords).toBe((c.evidence ?? []).some((records) => records.length > 0));
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

  test('readAlert parses the alert without keeping it; once the alert is kept it returns that', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const [b] = unpackCandidates(packCandidates(candidates.slice(0, 1))) as [PackedCandidate];
    const first = b.readAlert();
    const second = b.readAlert();
    expect(first).toEqual(JSON.parse(JSON.stringify(candidates[0]?.alert)));
    expect(second).toEqual(first);
    expect(second).not.toBe(first); // parsed afresh: the candidate did not keep the first
    const kept = b.alert;
    expect(kept).not.toBe(first);
    expect(b.readAlert()).toBe(kept);
    expect(b.alert).toBe(kept);
  });

  test('an alert is parsed when first read: a damaged alert fails only its own reader', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const packed = packCandidates(candidates.slice(0, 2));
    const second = 1 + EVIDENCE_KINDS.length; // segments per candidate: its alert, then each kind of records
    const block = packed.bodies[0] as Uint8Array;
    expect(block.length).toBeGreaterThanOrEqual(packed.offsets[second + 1] as number); // both alerts in the first block
    block.fill(0x7b, packed.offsets[second], packed.offsets[second + 1]); // the second alert becomes '{{{…'
    const [a, b] = unpackCandidates(packed) as [PackedCandidate, PackedCandidate];
    expect(a.alert.id).toBe(candidates[0]?.alert.id);
    expect(candidateAlertId(b)).toBe(candidates[1]?.alert.id);
    expect(() => b.alert).toThrow(SyntaxError);
  });

  test('evidence-only alerts are packed once as the template and records as arrays of values; what reads back is the candidate packed', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const packed = packCandidates(candidates);
    const empty = (s: number) => packed.offsets[s * (1 + EVIDENCE_KINDS.length)] === packed.offsets[s * (1 + EVIDENCE_KINDS.length) + 1];
    const shared = candidates.filter((_, i) => empty(i));
    // Every evidence-only alert with the engine's usual fields is the template's, and only those are.
    expect(shared.length).toBeGreaterThan(20);
    expect(shared.every((c) => c.alert.hits.length === 0 && c.alert.score === 0)).toBe(true);
    expect(candidates.filter((c) => c.alert.hits.length === 0).length).toBe(shared.length);
    // Each kind's records come in a few shapes, the first that of its first record.
    const shapes = JSON.parse(packed.shapes) as string[][][];
    EVIDENCE_KINDS.forEach((_, k) => {
      expect(shapes[k]?.[0]).toEqual(Object.keys(candidates.find((c) => (c.evidence?.[k]?.length ?? 0) > 0)?.evidence?.[k]?.[0] ?? {}));
      expect(shapes[k]?.length).toBeLessThanOrEqual(3);
    });
    // The records take much less than as plain JSON.
    const segments = 1 + EVIDENCE_KINDS.length;
    let recordBytes = 0;
    candidates.forEach((_, i) => (recordBytes += (packed.offsets[(i + 1) * segments] as number) - (packed.offsets[i * segments + 1] as number)));
    const plainRecords = candidates.reduce((n, c) => n + (c.evidence ?? []).reduce((m, list) => m + (list.length === 0 ? 0 : JSON.stringify(list).length), 0), 0);
    expect(recordBytes).toBeLessThan(plainRecords * 0.7);
    const back = unpackCandidates(structuredClone(packed));
    candidates.forEach((c, i) => {
      expect(JSON.stringify(back[i]?.alert)).toBe(JSON.stringify(c.alert));
      expect(JSON.stringify(back[i]?.evidence)).toBe(JSON.stringify(c.evidence));
    });
  });

  test('an evidence-only alert unlike the template keeps its own JSON; a kind whose records differ in their fields reads back as it was', async () => {
    const { transactions, options } = await optionsOf();
    const { candidates } = scanPartition(transactions, options, { index: 0, count: 1 });
    const onlyEvidence = candidates.filter((c) => c.alert.hits.length === 0 && (c.evidence?.[0]?.length ?? 0) > 0).slice(0, 3);
    expect(onlyEvidence).toHaveLength(3);
    const [a, b, c] = onlyEvidence as [NetworkCandidate, NetworkCandidate, NetworkCandidate];
    // b's alert carries a field the template lacks; c's first hop record lists its fields in another order.
    const odd = { ...b, alert: { ...b.alert, asOf: '2025-06-30T00:00:00.000Z' } as Alert };
    const hops = c.evidence?.[0] as readonly Record<string, unknown>[];
    const reordered = { ...c, evidence: [[Object.fromEntries(Object.entries(hops[0] as object).reverse()), ...hops.slice(1)], ...(c.evidence?.slice(1) ?? [])] };
    const list = [a, odd, reordered];
    const packed = packCandidates(list);
    const segments = 1 + EVIDENCE_KINDS.length;
    expect(packed.offsets[0]).toBe(packed.offsets[1]); // a: the template
    expect((packed.offsets[segments + 1] as number) - (packed.offsets[segments] as number)).toBeGreaterThan(0); // b: its own alert
    expect((JSON.parse(packed.shapes) as string[][][])[0]).toHaveLength(2);
    const back = unpackCandidates(packed);
    list.forEach((x, i) => {
      expect(JSON.stringify(back[i]?.alert)).toBe(JSON.stringify(x.alert));
      expect(JSON.stringify(back[i]?.evidence)).toBe(JSON.stringify(x.evidence));
    });
    // A record with an undefined field (dropped by JSON) or one that is not a plain object is kept as it is.
    const unusual = { ...a, evidence: [[{ ...(a.evidence?.[0]?.[0] as object), extra: undefined }, [1, 2]], ...(a.evidence?.slice(1) ?? [])] };
    expect((JSON.parse(packCandidates([unusual]).shapes) as string[][][])[0]).toEqual([]);
    expect(JSON.stringify(unpackCandidates(packCandidates([unusual]))[0]?.evidence)).toBe(JSON.stringify(unusual.evidence));
  });

  test('parts that disagree in length are refused', () => {
    const packed = packCandidates([]);
    expect(unpackCandidates(packed)).toEqual([]);
    expect(() => unpackCandidates({ ...packed, heads: '[["account","A","x",0]]' })).toThrow(RangeError);
  });
});

describe('candidates packed as they are built', () => {
  test('a partition sink handing its candidates to a packer one at a time gives what its listed result packs to, and the same merge', async () => {
    const { transactions, options } = await optionsOf();
    const config = resolveConfig(options);
    const whole = JSON.stringify(scan(transactions, options));
    const sorted = [...transactions].sort(compareTransactions);
    const count = 2;
    const listed: PartitionScan[] = [];
    const streamed: PartitionScan[] = [];
    for (let index = 0; index < count; index++) {
      const a = createPartitionSink(config, { index, count });
      const b = createPartitionSink(config, { index, count });
      for (const tx of sorted) {
        a.add(tx);
        b.add(tx);
      }
      const part = a.result(transactions.length);
      const packer = createCandidatePacker();
      const handed: NetworkCandidate[] = [];
      const into = b.resultInto(transactions.length, (c) => {
        handed.push(c);
        packer.add(c);
      });
      expect(into.candidates).toEqual([]);
      expect(part.candidates.length).toBeGreaterThan(0);
      expect(JSON.stringify(handed)).toBe(JSON.stringify(part.candidates)); // same candidates, same order
      expect(JSON.stringify(into.alerts)).toBe(JSON.stringify(part.alerts));
      const packed = packer.done();
      const reference = packCandidates(part.candidates);
      expect({ ...packed, bodies: [...packed.bodies] }).toEqual({ ...reference, bodies: [...reference.bodies] });
      listed.push(unpackPartitionScan(structuredClone(packPartitionScan(part).packed)));
      streamed.push(unpackPartitionScan(structuredClone(packedScan(into, packed).packed)));
    }
    expect(JSON.stringify(mergePartitionScans(streamed, options))).toBe(whole);
    expect(JSON.stringify(mergePartitionScans(listed, options))).toBe(whole);
  });

  test('segments longer than a block, and many candidates past the first block, read back as packed', async () => {
    const { transactions, options } = await optionsOf();
    const part = scanPartition(transactions, options, { index: 0, count: 1 });
    const scored = part.candidates.find((c) => c.alert.hits.length > 0) as NetworkCandidate;
    const long = { ...scored, alert: { ...scored.alert, id: 'long', reason: 'x'.repeat(1_500_000) } as Alert };
    const list = [...part.candidates, long, ...part.candidates, long];
    const packer = createCandidatePacker();
    for (const c of list) packer.add(c);
    const packed = packer.done();
    expect(bodiesLength(packed.bodies)).toBeGreaterThan(3_000_000);
    // Blocks of at most 1 MiB, but for the two long segments' own blocks, of their exact size.
    expect(packed.bodies.filter((b) => b.length > 2 ** 20).map((b) => b.length)).toEqual([JSON.stringify(long.alert).length, JSON.stringify(long.alert).length]);
    expect(() => packer.add(scored)).toThrow(/packed already/);
    const back = unpackCandidates(packed);
    expect(back).toHaveLength(list.length);
    back.forEach((c, i) => {
      const own = list[i] as NetworkCandidate;
      expect(JSON.stringify(c.alert)).toBe(JSON.stringify(own.alert));
      expect(JSON.stringify(c.evidence)).toBe(JSON.stringify(own.evidence));
    });
  });
});
