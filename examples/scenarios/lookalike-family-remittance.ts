/**
 * Look-alike: family remittances (RESEARCH §c.5 "legitimate family remittances from diaspora …
 * mimics MS-DEBT-01"; §d #17 a worker remitting ~60 % of wages; ~39 % of Rohingya families have a
 * relative abroad).
 *
 * - Sibling clusters: 2–4 brothers (sometimes a sister) working here, at different employers and
 *   towns, each sending money every month to the same parent abroad. A family cluster paying one
 *   account — the shape of a ransom cluster — but one family, regular, for months.
 * - Parents here supported by several adult children (domestic).
 * - Families here receiving monthly transfers from a child working abroad (inbound).
 */
import { homeFamilyAccount, newMigrant, type Ctx } from './population.js';
import { newFamilyKey, personName } from './names.js';
import type { Rng } from './rng.js';
import { HOUR } from './world.js';

export function siblingCluster(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const people = rng.weighted(w.locale.migrants);
  const key = newFamilyKey(rng, people);
  const home = ({ bangladeshi: 'BD', indonesian: 'ID', nepali: 'NP', burmese: 'MM', rohingya: 'BD', indian: 'IN', pakistani: 'PK', cambodian: 'KH', lao: 'LA', vietnamese: 'VN', filipino: 'PH', srilankan: 'LK', afghan: 'AF' } as Record<string, string>)[people] ?? 'BD';
  const parent = homeFamilyAccount(ctx, rng, people, key, home);
  const n = rng.int(2, 4);
  const sharedPhoneHome = rng.chance(0.3);
  let firstPhone: string | undefined;
  for (let i = 0; i < n; i++) {
    // Siblings carry the family name only where the community does.
    const p = newMigrant(ctx, rng, { people, gender: i === n - 1 && rng.chance(0.2) ? 'f' : 'm', remit: true, familyKey: key });
    p.reserved = true;
    if (sharedPhoneHome) {
      firstPhone ??= p.party.phone;
      if (firstPhone !== undefined) p.party.phone = firstPhone;
    }
    if (p.remit !== undefined) {
      p.remit.recipients = [parent];
      p.remit.skip = Math.min(p.remit.skip, 0.08);
      p.remit.via = 'bank';
    }
    w.label(p.account, 0, 'lookalike_family_remittance', 'sender', '');
  }
}

/** Marks parents supported by several children, and adds inbound support from children abroad. */
export function familySupport(ctx: Ctx, rng: Rng): void {
  const w = ctx.world;
  const byParent = new Map<string, number>();
  for (const p of ctx.personas) if (p.parents?.own === true) byParent.set(p.parents.id, (byParent.get(p.parents.id) ?? 0) + 1);
  for (const p of ctx.personas) {
    if ((byParent.get(p.account.id) ?? 0) >= 1) w.label(p.account, 0, 'lookalike_family_remittance', 'family_recipient', '');
    if (p.parents?.own === true) w.label(p.account, 0, 'lookalike_family_remittance', 'sender', '');
  }
  // Inbound: a child working abroad supports parents here.
  const locals = ctx.personas.filter((p) => (p.kind === 'retiree' || p.kind === 'homemaker' || p.kind === 'local') && !p.reserved);
  const n = Math.max(2, Math.round(locals.length * 0.03));
  for (const p of rng.sample(locals, n)) {
    const country = rng.pick(w.locale.diaspora);
    const child = w.externalAccount({ country, name: personName(rng, p.people, rng.chance(0.7) ? 'm' : 'f', p.party.familyKey).full });
    w.label(child, 0, 'lookalike_family_remittance', 'sender', '');
    w.label(p.account, 0, 'lookalike_family_remittance', 'family_recipient', '');
    const amount = w.round(w.fromMyr(rng.float(300, 1500)), w.locale.roundStep * 5);
    const dom = rng.int(1, 10);
    for (const ms of w.monthStarts()) {
      const day = ms + dom + rng.int(-2, 3);
      if (day < 0 || day >= w.days || !rng.chance(0.9)) continue;
      w.transfer(child, p.account, w.money(Math.round(amount * rng.float(0.97, 1.03) * 100) / 100), w.timeOn(day, rng, 'online') + HOUR, 'remitter', { reference: rng.pick(['', 'for mak', 'family', 'support', 'belanja']) });
    }
  }
}
