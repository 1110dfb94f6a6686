/**
 * The scenario generator: builds a reporting bank's world from a seed and returns the canonical
 * CSV files (DESIGN §2) plus ground-truth labels.
 *
 * Order of construction:
 *  1. institutions (billers, statutory funds, government payers, business counterparties) and
 *     licensed remitters;
 *  2. the background population (employers, locals, migrants, households);
 *  3. look-alikes and injected cases, which recruit existing customers or add new ones;
 *  4. payroll for everyone; then case flows that key off wage credits;
 *  5. everyday life of every persona and business; settlements that depend on all of the above.
 * Every module draws from its own forked random stream.
 */
import { TRANSACTION_COLUMNS } from '../../src/schema/transaction.js';
import { corridorCollector } from './case-corridor-collector.js';
import { debtRepayment } from './case-debt-repayment.js';
import { funnelCollector } from './case-funnel-collector.js';
import { passThrough } from './case-pass-through.js';
import { ransom } from './case-ransom.js';
import { structuring } from './case-structuring.js';
import { unlicensedRemitter } from './case-unlicensed-remitter.js';
import { wageDiversion } from './case-wage-diversion.js';
import { csvLine } from './csv.js';
import { cashAid, createContext, municipalCouncil } from './infrastructure.js';
import { cashBusiness } from './lookalike-cash-business.js';
import { familySupport, siblingCluster } from './lookalike-family-remittance.js';
import { landlord } from './lookalike-landlord.js';
import { createMsbs } from './lookalike-msb.js';
import { ngo } from './lookalike-ngo.js';
import { cashPayroll, payrollBureau } from './lookalike-payroll.js';
import { rosca } from './lookalike-rosca.js';
import { travelAgency } from './lookalike-travel-agency.js';
import type { Strength } from './network.js';
import { buildPopulation, employerLife, live, runPayroll, type Ctx } from './population.js';
import { World, type AccountRec, type LabelRec, type PartyRec, type TxRec } from './world.js';

export interface ScenarioOptions {
  readonly seed: number;
  /** Target number of own-bank accounts (accounts.csv rows of the reporting bank). */
  readonly accounts: number;
  readonly days: number;
  readonly jurisdiction: string;
  /** Local start date, YYYY-MM-DD (default 2024-10-01: the start of a sailing season). */
  readonly start?: string;
}

export interface ScenarioFiles {
  readonly 'transactions.csv': string;
  readonly 'accounts.csv': string;
  readonly 'parties.csv': string;
  readonly 'labels.csv': string;
  readonly 'manifest.json': string;
}

export interface Scenario {
  readonly world: World;
  readonly files: ScenarioFiles;
  readonly summary: ScenarioSummary;
}

export interface ScenarioSummary {
  readonly options: Required<ScenarioOptions>;
  readonly transactions: number;
  readonly ownAccounts: number;
  readonly labelledAccounts: number;
  readonly parties: number;
  readonly positivesOwn: number;
  readonly positivesAll: number;
  readonly cases: Record<string, number>;
  readonly typologies: Record<string, { own: number; all: number; label: number }>;
}

export const CASE_TYPOLOGIES = [
  'corridor_collector', 'funnel_collector', 'pass_through', 'debt_repayment', 'wage_diversion', 'ransom', 'structuring', 'unlicensed_remitter',
] as const;

const STRENGTH_CYCLE: readonly Strength[] = ['strong', 'typical', 'weak', 'typical', 'strong', 'weak', 'typical'];
const STRUCTURING_VARIANTS = ['near_threshold', 'multi_conductor', 'split_sum', 'multi_branch', 'withdrawals', 'far_below'] as const;

/** Builds the world. */
export function buildWorld(options: ScenarioOptions): { world: World; ctx: Ctx; caseCounts: Record<string, number> } {
  const opts = { start: '2024-10-01', ...options };
  const world = new World({ seed: opts.seed, jurisdiction: opts.jurisdiction, start: opts.start, days: opts.days });
  const root = world.rng;
  const scale = opts.accounts / 3000;
  const n = (base: number, min = 1): number => Math.max(min, Math.round(base * scale));
  const ctx = createContext(world, scale, root.fork('infrastructure'));
  createMsbs(ctx, root.fork('msb'), n(3));

  // Own accounts ≈ personas × (1 + savings share) + businesses: aim the persona count accordingly.
  const personalTarget = Math.max(40, Math.round(opts.accounts * 0.64));
  buildPopulation(ctx, root.fork('population'), personalTarget);
  municipalCouncil(ctx, root.fork('council'));

  // Look-alikes.
  for (let i = 0; i < n(5); i++) rosca(ctx, root.fork(`rosca-${i}`));
  for (let i = 0; i < n(6); i++) landlord(ctx, root.fork(`landlord-${i}`));
  for (let i = 0; i < n(2); i++) payrollBureau(ctx, root.fork(`bureau-${i}`));
  for (let i = 0; i < n(2); i++) cashPayroll(ctx, root.fork(`cashpayroll-${i}`));
  for (let i = 0; i < n(2); i++) ngo(ctx, root.fork(`ngo-${i}`), i);
  for (let i = 0; i < n(8); i++) cashBusiness(ctx, root.fork(`cashbiz-near-${i}`), true);
  for (let i = 0; i < n(40, 2); i++) cashBusiness(ctx, root.fork(`shop-${i}`), false);
  for (let i = 0; i < n(8); i++) siblingCluster(ctx, root.fork(`siblings-${i}`));
  for (let i = 0; i < n(2); i++) travelAgency(ctx, root.fork(`travel-${i}`));

  // Injected cases.
  const counts: Record<string, number> = {
    corridor_collector: n(4), funnel_collector: n(3), pass_through: n(4), debt_repayment: n(7),
    wage_diversion: n(4), ransom: n(5), structuring: n(8, 2), unlicensed_remitter: n(3),
  };
  for (const typ of CASE_TYPOLOGIES) {
    for (let i = 0; i < (counts[typ] ?? 0); i++) {
      const rng = root.fork(`case-${typ}-${i}`);
      const strength = STRENGTH_CYCLE[i % STRENGTH_CYCLE.length] as Strength;
      switch (typ) {
        case 'corridor_collector': corridorCollector(ctx, rng, strength); break;
        case 'funnel_collector': funnelCollector(ctx, rng, strength); break;
        case 'pass_through': passThrough(ctx, rng, strength); break;
        case 'debt_repayment': debtRepayment(ctx, rng, strength); break;
        case 'wage_diversion': wageDiversion(ctx, rng, strength); break;
        case 'ransom': ransom(ctx, rng, strength); break;
        case 'structuring': structuring(ctx, rng, strength, i < STRUCTURING_VARIANTS.length ? STRUCTURING_VARIANTS[i] : undefined); break;
        case 'unlicensed_remitter': unlicensedRemitter(ctx, rng, strength); break;
      }
    }
  }
  familySupport(ctx, root.fork('family-support'));
  labelOtherAccountsOfNetworkParties(world);

  runPayroll(ctx, root.fork('payroll'));
  for (const f of ctx.afterPayroll) f();
  cashAid(ctx, root.fork('aid'));
  const lifeRng = root.fork('life');
  for (const p of ctx.personas) live(ctx, p, lifeRng.fork(p.account.id));
  const empRng = root.fork('employers');
  for (const e of ctx.employers) employerLife(ctx, e, empRng.fork(e.account.id));
  for (const f of ctx.finally) f();
  return { world, ctx, caseCounts: counts };
}

/**
 * A party that holds a network account controls its other accounts too (a recruited customer's
 * savings account, the personal account next to a front business): label them 1 with role
 * `other_account`, since a party-level finding flags all of them.
 */
function labelOtherAccountsOfNetworkParties(w: World): void {
  const byParty = new Map<PartyRec, AccountRec[]>();
  for (const a of w.accounts) if (a.own && a.party !== undefined) byParty.set(a.party, [...(byParty.get(a.party) ?? []), a]);
  for (const accounts of byParty.values()) {
    const network = accounts.map((a) => w.labels.get(a.id)).find((l) => l?.label === 1);
    if (network === undefined) continue;
    for (const a of accounts) if (w.labels.get(a.id)?.label !== 1) w.label(a, 1, network.typology, 'other_account', network.caseId);
  }
}

/** Builds the world and renders the canonical files. */
export function generateScenario(options: ScenarioOptions): Scenario {
  const opts: Required<ScenarioOptions> = { start: '2024-10-01', ...options };
  const { world, caseCounts } = buildWorld(opts);
  const w = world;
  const txs = [...w.txs].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
  const offset = w.locale.offsetMinutes;
  const sign = offset >= 0 ? '+' : '-';
  const off = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const iso = (ms: number): string => `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${off}`;

  const used = new Set<AccountRec>();
  const conductors = new Set<PartyRec>();
  const lines: string[] = [csvLine(TRANSACTION_COLUMNS)];
  txs.forEach((t: TxRec, i) => {
    if (t.from !== undefined) used.add(t.from);
    if (t.to !== undefined) used.add(t.to);
    if (t.conductor !== undefined) conductors.add(t.conductor);
    lines.push(csvLine([
      `TX${String(i + 1).padStart(8, '0')}`, iso(t.ts), w.format(t.amount), w.locale.currency, t.kind, t.channel,
      t.from?.id, t.from === undefined || t.fromName === '' ? undefined : t.fromName, t.from?.country, t.from?.institution.bic,
      t.to?.id, t.to === undefined || t.toName === '' ? undefined : t.toName, t.to?.country, t.to?.institution.bic,
      t.conductor?.id, t.location, t.locationCountry, t.reference,
    ]));
  });

  const listed = w.accounts.filter((a) => a.listed).sort((a, b) => (a.id < b.id ? -1 : 1));
  const accountLines = [csvLine(['account', 'party', 'type', 'opened_at', 'institution', 'country'])];
  const partySet = new Set<PartyRec>(conductors);
  for (const a of listed) {
    if (a.party !== undefined) partySet.add(a.party);
    accountLines.push(csvLine([a.id, a.party?.id, a.type, a.openedAt === undefined ? undefined : iso(a.openedAt), a.institution.bic, a.country]));
  }
  const parties = [...partySet].sort((a, b) => (a.id < b.id ? -1 : 1));
  const partyLines = [csvLine(['party', 'name', 'country', 'phone', 'address', 'document', 'occupation', 'declared_monthly_income'])];
  for (const p of parties) {
    partyLines.push(csvLine([p.id, p.name, p.country, p.phone, p.address, p.document, p.occupation, p.income === undefined ? undefined : p.income <= 0 ? w.format(0) : w.format(w.money(p.income))]));
  }
  // One label per account that is listed or appears in a transaction.
  const labelled = new Set<AccountRec>([...listed, ...used]);
  const labelLines = [csvLine(['account', 'label', 'typology', 'role', 'case_id'])];
  const typologies: Record<string, { own: number; all: number; label: number }> = {};
  let positivesOwn = 0;
  let positivesAll = 0;
  for (const a of [...labelled].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const l: LabelRec = w.labels.get(a.id) ?? { label: 0, typology: 'background', role: 'counterparty', caseId: '' };
    labelLines.push(csvLine([a.id, l.label, l.typology, l.role, l.caseId]));
    const t = (typologies[`${l.label}:${l.typology}`] ??= { own: 0, all: 0, label: l.label });
    t.all++;
    if (a.own) t.own++;
    if (l.label === 1) {
      positivesAll++;
      if (a.own) positivesOwn++;
    }
  }
  const summary: ScenarioSummary = {
    options: opts,
    transactions: txs.length,
    ownAccounts: listed.filter((a) => a.own).length,
    labelledAccounts: labelled.size,
    parties: parties.length,
    positivesOwn,
    positivesAll,
    cases: caseCounts,
    typologies,
  };
  // Flows that would touch an account before it was opened are dropped (e.g. a wage for a worker
  // who opens the account later). SCENARIO_DEBUG=1 lists where they came from.
  if (w.beforeOpening > 0 && process.env.SCENARIO_DEBUG !== undefined) console.error(w.beforeOpeningSamples);
  const nl = (xs: string[]): string => `${xs.join('\n')}\n`;
  return {
    world,
    summary,
    files: {
      'transactions.csv': nl(lines),
      'accounts.csv': nl(accountLines),
      'parties.csv': nl(partyLines),
      'labels.csv': nl(labelLines),
      'manifest.json': `${JSON.stringify({ generator: 'tidewatch examples/generate-scenarios.ts', ...summary }, null, 2)}\n`,
    },
  };
}
