/**
 * Look-alike: rotating savings and credit association (kutu / arisan / hui / chit; RESEARCH §c.5,
 * S50). Fixed members pay the organiser an equal stake every month; each month one member takes
 * the whole pot in turn. Many-to-one with equal amounts and a monthly rhythm — a funnel and a
 * repayment series to the eye — but every member gets a pot back.
 *
 * Variety: 6–15 members, stake, community (migrant dormitory arisan or colleagues' hui), members
 * at other banks or paying cash at a CDM, late payers, bidding (the taker accepts a discount and
 * others pay less that month), a group already running before the window.
 */
import { newLocal, newMigrant, reserve, type Ctx, type Persona } from './population.js';
import type { Rng } from './rng.js';
import { HOUR, type AccountRec } from './world.js';
import type { People } from './names.js';

export function rosca(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const migrantGroup = rng.chance(0.5);
  const people: People = migrantGroup ? rng.weighted(w.locale.migrants) : rng.weighted(w.locale.locals);
  const word = ({ indonesian: 'arisan', chinese: 'hui', indian_my: 'kutu', malay: 'kutu', bangladeshi: 'somiti', nepali: 'dhikuti', burmese: 'su kyay', thai: 'share', vietnamese: 'hui', filipino: 'paluwagan', cambodian: 'tontine', lao: 'houay' } as Partial<Record<People, string>>)[people] ?? 'kutu';
  const n = rng.int(6, 15);
  const stake = w.round(w.fromMyr(rng.pick([100, 200, 300, 500, 500, 1000])), w.locale.roundStep * 5);
  const bidding = people === 'chinese' || people === 'vietnamese' ? rng.chance(0.6) : rng.chance(0.1);
  const members: Array<{ acc: AccountRec; persona?: Persona; mode: 'own' | 'other' | 'cash'; lateness: number; payDay: number }> = [];
  const organiser = (migrantGroup
    ? reserve(ctx, rng, (p) => p.kind === 'migrant' && p.people === people)
    : reserve(ctx, rng, (p) => (p.kind === 'local' || p.kind === 'homemaker' || p.kind === 'civil_servant') && p.people === people))
    ?? (migrantGroup ? newMigrant(ctx, rng, { people }) : newLocal(ctx, rng, { people, kind: 'local' }));
  organiser.reserved = true;
  w.label(organiser.account, 0, 'lookalike_rosca', 'organiser', '');
  const dorm = organiser.dorm;
  for (let i = 0; i < n - 1; i++) {
    const mode = rng.weighted([['own', 0.65], ['other', 0.2], ['cash', 0.15]] as const);
    let acc: AccountRec;
    let persona: Persona | undefined;
    if (mode === 'other') {
      acc = w.otherBankPerson(rng);
    } else {
      persona = (migrantGroup
        ? reserve(ctx, rng, (p) => p.kind === 'migrant' && p.people === people && (dorm === undefined || p.dorm === dorm || rng.chance(0.3)))
        : reserve(ctx, rng, (p) => p.kind !== 'migrant' && p.kind !== 'refugee' && p.kind !== 'student' && p.people === people && p.city.state === organiser.city.state))
        ?? (migrantGroup ? newMigrant(ctx, rng, { people, city: organiser.city, ...(dorm === undefined ? {} : { dorm }) }) : newLocal(ctx, rng, { people, city: organiser.city }));
      persona.reserved = true;
      acc = persona.account;
    }
    w.label(acc, 0, 'lookalike_rosca', 'member', '');
    members.push({ acc, ...(persona === undefined ? {} : { persona }), mode, lateness: rng.chance(0.2) ? rng.float(2, 8) : rng.float(0, 2), payDay: rng.int(0, 5) });
  }
  const order = rng.shuffle([...members.map((m) => m.acc), organiser.account]);
  const alreadyRun = rng.int(0, Math.max(0, n - 3));
  const groupStart = w.monthStarts().filter((d) => d >= -5);

  ctx.afterPayroll.push(() => {
    groupStart.forEach((ms, cycle) => {
      const turn = alreadyRun + cycle;
      if (turn >= n) return;
      const taker = order[turn] as AccountRec;
      const discount = bidding ? rng.float(0.03, 0.12) : 0;
      const pay = w.round(stake * (1 - discount), bidding ? 1 : w.locale.roundStep);
      let last = w.at(Math.max(0, ms), 9);
      let collected = 0;
      for (const m of members) {
        const credit = m.persona?.wageCredits.find((c) => w.dayOf(c.ts) >= ms - 6 && w.dayOf(c.ts) <= ms + 7);
        let ts = credit !== undefined ? credit.ts + rng.int(2, 48) * HOUR : w.timeOn(Math.max(0, ms + m.payDay), rng, 'online');
        ts += Math.round(m.lateness * 24 * HOUR * rng.float(0.5, 1));
        const amount = m.acc === taker ? 0 : pay;
        if (amount === 0) continue;
        let ok: boolean;
        if (m.mode === 'cash') ok = w.deposit(organiser.account, w.money(amount), ts, 'cdm', w.cdm(organiser.city, rng));
        else ok = w.transfer(m.acc, organiser.account, w.money(amount), ts, rng.chance(0.85) ? 'mobile' : 'online', { reference: rng.pick([word, `${word} ${w.calendar(Math.max(0, ms)).month + 1}`, word.toUpperCase(), '', 'bulan ni']) });
        if (ok) {
          collected += amount;
          last = Math.max(last, ts);
        }
      }
      if (taker === organiser.account || collected <= 0) return;
      const potTs = last + rng.int(4, 72) * HOUR;
      const pot = collected + (bidding ? 0 : stake);
      w.transfer(organiser.account, taker, w.money(w.round(pot, 1)), potTs, 'mobile', { reference: rng.pick([`${word} giliran`, `${word} turn`, word, 'pot', '']) });
    });
  });
}
