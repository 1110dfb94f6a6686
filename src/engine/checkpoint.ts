import { ConfigError } from '../_internal/config-error.js';
import type { Transaction } from '../schema/transaction.js';
import type { CoreSnapshot } from './core-snapshot.js';
import type { EngineConfig } from './config.js';
import type { CheckpointFingerprint, FxConverter, MonitorCheckpoint } from './options.js';
import { referenceFingerprint } from './reference-input.js';
import { checkTransaction } from './validate-input.js';
import { EVIDENCE_KINDS, evidenceKindIndex } from './evidence-kinds.js';
import { hopEvidence } from './hops.js';

/** The checkpoint format id. */
export const CHECKPOINT_FORMAT = 'tidewatch/checkpoint@1';

/** A monitor's own state inside a checkpoint (JSON-safe). */
export interface MonitorState {
  pending: Transaction[];
  maxTs: number | null;
  seen: [string, number][];
  counts: { received: number; duplicates: number; late: number; rejected: number };
  core: CoreSnapshot;
}

/**
 * Everything that changes a monitor's results: engine version, configuration hash, reference data,
 * FX rates and lateness bound.
 */
export function checkpointFingerprint(config: EngineConfig, fx: FxConverter | undefined, latenessMs: number): CheckpointFingerprint {
  return {
    version: config.version,
    config: config.hash,
    accounts: referenceFingerprint(config.context.accounts),
    parties: referenceFingerprint(config.context.parties),
    fx: fx === undefined ? 'none' : typeof fx.fingerprint === 'string' ? fx.fingerprint : 'custom',
    latenessMs,
  };
}

/**
 * Validates a checkpoint before anything is restored from it and returns its monitor state.
 * Throws ConfigError `invalid_checkpoint` for anything that is not a well-formed checkpoint (naming
 * the first bad path), and `checkpoint_mismatch` naming every part of the fingerprint that differs
 * from this monitor's (configuration, accounts, parties, FX rates, lateness, version).
 */
export function readCheckpoint(checkpoint: unknown, expected: CheckpointFingerprint): MonitorState {
  const cp = checkpoint as Partial<MonitorCheckpoint> | null;
  if (cp === null || typeof cp !== 'object' || cp.format !== CHECKPOINT_FORMAT) {
    throw new ConfigError('invalid_checkpoint', `checkpoint: not a ${CHECKPOINT_FORMAT} document`);
  }
  const fp = cp.fingerprint as Partial<CheckpointFingerprint> | undefined;
  if (fp === null || typeof fp !== 'object') {
    throw new ConfigError('invalid_checkpoint', 'checkpoint.fingerprint: missing (a checkpoint from an older tidewatch); it cannot be shown to match this monitor');
  }
  const differences = compareFingerprints(fp, expected);
  if (differences.length > 0) {
    throw new ConfigError('checkpoint_mismatch', `checkpoint was taken with a different configuration or data: ${differences.join('; ')}`);
  }
  const problem = stateProblem(cp.state);
  if (problem !== undefined) throw new ConfigError('invalid_checkpoint', `checkpoint.state.${problem}`);
  return cp.state as MonitorState;
}

/** One readable line per differing part of the fingerprint (also the NATS worker's check of the publisher's start marker). @internal */
export function compareFingerprints(got: Partial<CheckpointFingerprint>, want: CheckpointFingerprint): string[] {
  const out: string[] = [];
  if (got.version !== want.version) out.push(`engine version (checkpoint ${String(got.version)}, here ${want.version})`);
  if (got.config !== want.config) out.push('config: rules, options, typologies, jurisdiction profile or minScore differ (config hash differs)');
  for (const key of ['accounts', 'parties'] as const) {
    const g = got[key];
    const w = want[key];
    if (g?.hash !== w.hash) {
      out.push(`${key}: ${w.count} here, ${typeof g?.count === 'number' ? g.count : '?'} in the checkpoint${g?.count === w.count ? ' (same count, different records)' : ''}; pass the same reference data`);
    }
  }
  if (got.fx !== want.fx) out.push(`fx: ${describeFx(want.fx)} here, ${describeFx(got.fx)} in the checkpoint`);
  if (got.latenessMs !== want.latenessMs) out.push(`latenessMs: ${want.latenessMs} here, ${String(got.latenessMs)} in the checkpoint`);
  return out;
}

function describeFx(fx: string | undefined): string {
  return fx === 'none' ? 'no FX table' : fx === 'custom' ? 'a custom converter' : fx === undefined ? 'nothing' : `FX table ${fx.slice(0, 8)}…`;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): boolean => v === null || v === undefined || isNum(v);

/** The first structural problem of a monitor state as `path: reason`, or undefined. Cheap: one pass. */
function stateProblem(state: unknown): string | undefined {
  if (state === null || typeof state !== 'object') return 'state: not an object';
  const s = state as Partial<Record<keyof MonitorState, unknown>>;
  if (!Array.isArray(s.pending)) return 'pending: not an array';
  for (let i = 0; i < s.pending.length; i++) if (checkTransaction(s.pending[i]).length > 0) return `pending[${i}]: not a valid transaction`;
  if (!isNumOrNull(s.maxTs)) return 'maxTs: not a number';
  if (!Array.isArray(s.seen)) return 'seen: not an array';
  for (let i = 0; i < s.seen.length; i++) {
    const e = s.seen[i] as unknown;
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !isNum(e[1])) return `seen[${i}]: not an [id, time] pair`;
  }
  const counts = s.counts as Record<string, unknown> | null | undefined;
  if (counts === null || typeof counts !== 'object') return 'counts: not an object';
  for (const k of ['received', 'duplicates', 'late', 'rejected']) if (!isNum(counts[k])) return `counts.${k}: not a number`;
  return coreProblem(s.core);
}

/** The first problem of an entity's compact evidence (absent, or records by evidence rule id) as `.path: reason`, or undefined. */
function evidenceProblem(evidence: unknown): string | undefined {
  if (evidence === undefined) return undefined;
  if (evidence === null || typeof evidence !== 'object' || Array.isArray(evidence)) return ': not an object';
  for (const [rule, records] of Object.entries(evidence)) {
    const k = evidenceKindIndex(rule);
    if (k < 0) return `.${rule}: not an evidence rule`;
    const kind = EVIDENCE_KINDS[k] as (typeof EVIDENCE_KINDS)[number];
    if (!Array.isArray(records)) return `.${rule}: not an array`;
    for (let i = 0; i < records.length; i++) if (!kind.isRecord(records[i])) return `.${rule}[${i}]: not a ${rule} record`;
  }
  return undefined;
}

function coreProblem(core: unknown): string | undefined {
  if (core === null || typeof core !== 'object') return 'core: not an object';
  const c = core as Partial<Record<keyof CoreSnapshot, unknown>>;
  if (!Array.isArray(c.transactions)) return 'core.transactions: not an array';
  const n = c.transactions.length;
  for (let i = 0; i < n; i++) if (checkTransaction(c.transactions[i]).length > 0) return `core.transactions[${i}]: not a valid transaction`;
  if (!Array.isArray(c.entities)) return 'core.entities: not an array';
  for (let i = 0; i < c.entities.length; i++) {
    const e = c.entities[i] as Record<string, unknown> | null;
    const at = `core.entities[${i}]`;
    if (e === null || typeof e !== 'object') return `${at}: not an object`;
    if (e['kind'] !== 'account' && e['kind'] !== 'party') return `${at}.kind: not "account" or "party"`;
    if (typeof e['id'] !== 'string') return `${at}.id: not a string`;
    if (!Array.isArray(e['events']) || e['events'].some((x) => !Number.isInteger(x) || (x as number) < 0 || (x as number) >= n)) return `${at}.events: not indexes into core.transactions`;
    if (!isNum(e['lastTs'])) return `${at}.lastTs: not a number`;
    if (!isNumOrNull(e['expiredTs'])) return `${at}.expiredTs: not a number`;
    if (e['anchor'] !== null && typeof e['anchor'] !== 'string') return `${at}.anchor: not a string`;
    if (!Array.isArray(e['episodes'])) return `${at}.episodes: not an array`;
    for (let j = 0; j < e['episodes'].length; j++) {
      const ep = e['episodes'][j] as Record<string, unknown> | null;
      if (ep === null || typeof ep !== 'object' || typeof ep['key'] !== 'string' || ep['hit'] === null || typeof ep['hit'] !== 'object'
        || !isNum(ep['from']) || !isNum(ep['to']) || !Array.isArray(ep['ids']) || !isNum(ep['transactionCount'])
        || !(Array.isArray(ep['seen']) ? ep['seen'].every((x) => Array.isArray(x) && typeof x[0] === 'string' && isNum(x[1])) : Array.isArray(ep['all']))) {
        return `${at}.episodes[${j}]: not an episode`;
      }
    }
    if (e['hops'] !== undefined && !(Array.isArray(e['hops']) && e['hops'].every(hopEvidence.isRecord))) return `${at}.hops: not a list of layering hops`;
    const evidence = evidenceProblem(e['evidence']);
    if (evidence !== undefined) return `${at}.evidence${evidence}`;
  }
  if (!isNumOrNull(c.lastSweep)) return 'core.lastSweep: not a number';
  if (!isNum(c.processed)) return 'core.processed: not a number';
  if (c.retired !== undefined && !Array.isArray(c.retired)) return 'core.retired: not an array';
  const d = c.dormant as { account?: unknown; party?: unknown } | undefined;
  if (d !== undefined && (d === null || typeof d !== 'object' || !Array.isArray(d.account) || !Array.isArray(d.party))) return 'core.dormant: not { account, party } lists';
  return undefined;
}
