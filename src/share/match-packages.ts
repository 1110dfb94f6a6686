import type { SharedAlert, SharedAlertPackage, SharedIdentifier } from './shared-alert.js';
import { compareText as cmp } from '../_internal/compare-text.js';

/** A package with the name it is reported under (its file name, say). @category Sharing */
export interface NamedPackage {
  readonly name: string;
  readonly package: SharedAlertPackage;
}

/** Options of {@link matchPackages}. @category Sharing */
export interface MatchPackagesOptions {
  /** Only packages made under this key id are matched (the others are listed as skipped). */
  readonly keyId?: string;
}

/** How an identifier appears in an alert: as the alerted entity, a network member, or a linked entity. @category Sharing */
export type MatchRole = 'entity' | 'member' | 'link';

/** One alert on one side of a match. @category Sharing */
export interface MatchedAlert {
  readonly ref: string;
  readonly entity: 'account' | 'party' | 'network';
  /** The strongest way a linking identifier appears in it (entity before member before link). */
  readonly role: MatchRole;
  readonly score: number;
  readonly band: SharedAlert['band'];
  readonly typologies: readonly string[];
  readonly weeks: SharedAlert['weeks'];
}

/** One package's part of a match. @category Sharing */
export interface MatchSide {
  readonly package: string;
  readonly jurisdiction: string;
  readonly institution?: string;
  readonly alerts: readonly MatchedAlert[];
  /** Typologies of this side's alerts, sorted. */
  readonly typologies: readonly string[];
}

/** Alerts of several packages joined by shared identifier hashes: one cross-border network. @category Sharing */
export interface PackageMatch {
  /** The identifiers found in more than one package that join it, with the packages holding each. */
  readonly identifiers: readonly { readonly kind: Exclude<SharedIdentifier['kind'], 'name'>; readonly hash: string; readonly packages: readonly string[] }[];
  readonly sides: readonly MatchSide[];
  /** Name hashes its alerts share across packages: corroboration only, names never link. */
  readonly corroboratingNames: number;
  readonly keyId: string;
}

/** Result of {@link matchPackages}. @category Sharing */
export interface MatchResult {
  readonly packages: readonly { readonly name: string; readonly keyId: string; readonly jurisdiction: string; readonly alerts: number }[];
  /** Packages not matched: made under another key than the one asked for, or the only one under its key. */
  readonly skipped: readonly { readonly name: string; readonly keyId: string; readonly reason: string }[];
  /** Empty when nothing links. */
  readonly matches: readonly PackageMatch[];
}

const STRONG = new Set<SharedIdentifier['kind']>(['account', 'document', 'phone']);
const ROLE_RANK: Record<MatchRole, number> = { entity: 0, member: 1, link: 2 };

/**
 * Finds the entities and networks that appear in more than one package: alerts of different
 * packages that hold the same keyed hash of an account number, document or phone — as the
 * alerted entity, a network member or a linked entity — are joined (union-find, also through
 * alerts of one package that share such a hash), and each group spanning two or more packages is
 * one match: which identifiers linked it, and each side's alerts and typologies (a merged
 * cross-border network view). Names never link (too many people share one); a shared name hash
 * is counted as corroboration. Packages are matched only against packages under the same key
 * id: hashes under different keys never coincide, so mixing them would only hide that nothing
 * can match. Pure and deterministic.
 * @param packages the packages, each with a name
 * @param options the key id to match under
 * @returns the matches (empty when nothing links) and the packages skipped, with the reason
 * @category Sharing
 * @example const { matches } = matchPackages([{ name: 'my.json', package: a }, { name: 'id.json', package: b }]);
 */
export function matchPackages(packages: readonly NamedPackage[], options: MatchPackagesOptions = {}): MatchResult {
  const skipped: { name: string; keyId: string; reason: string }[] = [];
  const groups = new Map<string, NamedPackage[]>();
  for (const p of packages) {
    if (options.keyId !== undefined && p.package.keyId !== options.keyId) {
      skipped.push({ name: p.name, keyId: p.package.keyId, reason: `made under key ${p.package.keyId}, not ${options.keyId}: hashes under different keys never match` });
      continue;
    }
    groups.set(p.package.keyId, [...(groups.get(p.package.keyId) ?? []), p]);
  }
  const matches: PackageMatch[] = [];
  for (const [keyId, group] of [...groups].sort(([a], [b]) => cmp(a, b))) {
    if (group.length < 2) {
      for (const p of group) skipped.push({ name: p.name, keyId, reason: `the only package under key ${keyId}: nothing to match it with` });
      continue;
    }
    matches.push(...matchGroup(group, keyId));
  }
  matches.sort((a, b) =>
    b.sides.length - a.sides.length ||
    Math.max(...b.sides.flatMap((s) => s.alerts.map((x) => x.score))) - Math.max(...a.sides.flatMap((s) => s.alerts.map((x) => x.score))) ||
    cmp(a.identifiers[0]?.hash ?? '', b.identifiers[0]?.hash ?? ''));
  return {
    packages: packages.map((p) => ({ name: p.name, keyId: p.package.keyId, jurisdiction: p.package.source.jurisdiction, alerts: p.package.alerts.length })),
    skipped,
    matches,
  };
}

interface Occurrence {
  readonly node: number;
  readonly role: MatchRole;
}

function matchGroup(group: readonly NamedPackage[], keyId: string): PackageMatch[] {
  // Nodes: one per (package, alert).
  const nodes: { pkg: number; alert: SharedAlert }[] = [];
  const strong = new Map<string, { kind: SharedIdentifier['kind']; hash: string; occ: Occurrence[]; pkgs: Set<number> }>();
  const namesOfNode: string[][] = [];
  group.forEach((p, pkg) => {
    for (const alert of p.package.alerts) {
      const node = nodes.length;
      nodes.push({ pkg, alert });
      const nodeNames: string[] = [];
      const visit = (identifiers: readonly SharedIdentifier[], role: MatchRole): void => {
        for (const id of identifiers) {
          if (id.kind === 'name') {
            nodeNames.push(id.hash);
            continue;
          }
          if (!STRONG.has(id.kind)) continue;
          const k = `${id.kind}:${id.hash}`;
          let entry = strong.get(k);
          if (entry === undefined) strong.set(k, (entry = { kind: id.kind, hash: id.hash, occ: [], pkgs: new Set() }));
          entry.occ.push({ node, role });
          entry.pkgs.add(pkg);
        }
      };
      visit(alert.entity.identifiers, 'entity');
      for (const m of alert.members ?? []) visit(m.identifiers, 'member');
      for (const l of alert.links) visit(l.identifiers, 'link');
      namesOfNode.push(nodeNames);
    }
  });
  const parent = nodes.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  const linking = [...strong.values()].filter((e) => e.pkgs.size >= 2);
  const active = new Set<number>();
  for (const e of linking) {
    const first = (e.occ[0] as Occurrence).node;
    for (const o of e.occ) {
      active.add(o.node);
      const a = find(first);
      const b = find(o.node);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const components = new Map<number, number[]>();
  for (const n of [...active].sort((a, b) => a - b)) components.set(find(n), [...(components.get(find(n)) ?? []), n]);
  const out: PackageMatch[] = [];
  for (const members of components.values()) {
    const memberSet = new Set(members);
    const pkgs = new Set(members.map((n) => (nodes[n] as { pkg: number }).pkg));
    if (pkgs.size < 2) continue;
    const roleOf = new Map<number, MatchRole>();
    const identifiers: PackageMatch['identifiers'][number][] = [];
    for (const e of linking) {
      const here = e.occ.filter((o) => memberSet.has(o.node));
      if (here.length === 0) continue;
      for (const o of here) {
        const cur = roleOf.get(o.node);
        if (cur === undefined || ROLE_RANK[o.role] < ROLE_RANK[cur]) roleOf.set(o.node, o.role);
      }
      identifiers.push({ kind: e.kind as 'account' | 'document' | 'phone', hash: e.hash, packages: [...e.pkgs].sort((a, b) => a - b).map((i) => (group[i] as NamedPackage).name) });
    }
    identifiers.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.hash, b.hash));
    const sides: MatchSide[] = [...pkgs].sort((a, b) => a - b).map((pkg) => {
      const p = group[pkg] as NamedPackage;
      const alerts = members
        .filter((n) => (nodes[n] as { pkg: number }).pkg === pkg)
        .map((n): MatchedAlert => {
          const a = (nodes[n] as { alert: SharedAlert }).alert;
          return { ref: a.ref, entity: a.entity.kind, role: roleOf.get(n) ?? 'link', score: a.score, band: a.band, typologies: a.typologies.map((t) => t.id), weeks: a.weeks };
        })
        .sort((x, y) => ROLE_RANK[x.role] - ROLE_RANK[y.role] || y.score - x.score || cmp(x.ref, y.ref));
      return {
        package: p.name,
        jurisdiction: p.package.source.jurisdiction,
        ...(p.package.source.institution === undefined ? {} : { institution: p.package.source.institution }),
        alerts,
        typologies: [...new Set(alerts.flatMap((a) => a.typologies))].sort(),
      };
    });
    const namePkgs = new Map<string, Set<number>>();
    for (const n of members) for (const h of namesOfNode[n] ?? []) namePkgs.set(h, (namePkgs.get(h) ?? new Set()).add((nodes[n] as { pkg: number }).pkg));
    const corroboratingNames = [...namePkgs.values()].filter((s) => s.size >= 2).length;
    out.push({ identifiers, sides, corroboratingNames, keyId });
  }
  return out;
}
