/**
 * The corridor matrix of RESEARCH §a.5: each country's roles on the Bali Process / Andaman Sea
 * routes. A country can hold several roles (Bangladesh is an origin and a departure coast).
 * @category Domain
 */
export type CorridorRole = 'origin' | 'transit' | 'destination' | 'diaspora';

/** Countries per role (ISO 3166-1 alpha-2). Sources: UNHCR, UNODC, AUSTRAC, MMC (RESEARCH §a.5). */
export const CORRIDOR_ROLES: Readonly<Record<CorridorRole, readonly string[]>> = {
  origin: ['MM', 'BD', 'LK', 'AF', 'IQ', 'IR', 'VN'],
  transit: ['BD', 'TH', 'ID', 'MY', 'IN', 'SG'],
  destination: ['MY', 'ID', 'TH', 'AU', 'NZ'],
  diaspora: ['MY', 'SA', 'AE', 'QA', 'KW', 'OM', 'BH'],
};

/**
 * Whether a country holds a corridor role.
 * @category Domain
 * @example hasRole('BD', 'origin') // true
 */
export function hasRole(country: string | undefined, role: CorridorRole): boolean {
  return country !== undefined && CORRIDOR_ROLES[role].includes(country);
}

/**
 * Whether a country is on the corridor at all.
 * @category Domain
 * @example isCorridorCountry('ID') // true
 */
export function isCorridorCountry(country: string | undefined): boolean {
  return country !== undefined && (['origin', 'transit', 'destination', 'diaspora'] as const).some((r) => hasRole(country, r));
}
