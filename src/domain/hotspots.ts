/**
 * Departure, landing, camp and transit places of RESEARCH §a.3 (MS-CASH-01, MS-FUN-02), by
 * country, with the spellings they are commonly written in.
 *
 * RESEARCH proposes geofences (a 25 km radius around geocoded points). Geofences need
 * coordinates, and the transaction input carries none: only a free-text `location` (a branch, ATM
 * or agent name) and `location_country`. So places are matched by name in the location text
 * (whole words, ignoring case, diacritics and punctuation): a branch named after its town matches;
 * an ATM code with no place name, or a village just outside the town, does not.
 * @category Domain
 */

/** What happens at a place on the routes. @category Domain */
export type HotspotRole = 'departure' | 'transit' | 'camp' | 'landing' | 'arrival';

/**
 * One named place.
 * @category Domain
 * @example const h: Hotspot = { id: 'my_langkawi', country: 'MY', role: 'landing', names: ['Langkawi', 'Pulau Langkawi'], source: 'S20' };
 */
export interface Hotspot {
  /** Stable snake_case key (one site). */
  readonly id: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly role: HotspotRole;
  /** Names and common spellings; matched as whole words after {@link normalizePlace}. */
  readonly names: readonly string[];
  /** Source key(s) of RESEARCH §f. */
  readonly source: string;
}

/**
 * The places named in RESEARCH §a.3. Indonesian departure points for the Australia route were not
 * established (a gap in the research).
 * @category Domain
 * @example HOTSPOTS.filter((h) => h.country === 'TH').map((h) => h.id)
 */
export const HOTSPOTS: readonly Hotspot[] = [
  // Bangladesh: departure / collection.
  { id: 'bd_teknaf', country: 'BD', role: 'departure', names: ['Teknaf', 'Holbonia', 'Hnila', 'Whykong'], source: 'S18, S25' },
  { id: 'bd_ukhiya', country: 'BD', role: 'camp', names: ['Ukhiya', 'Ukhia', 'Kutupalong', 'Balukhali'], source: 'S18, S25' },
  { id: 'bd_shah_porir_dwip', country: 'BD', role: 'departure', names: ['Shah Porir Dwip', 'Shahporir Dwip', 'Shah Parir Dwip', 'Shahpori'], source: 'S18' },
  { id: 'bd_moheshkhali', country: 'BD', role: 'departure', names: ['Moheshkhali', 'Maheshkhali', 'Moheskhali'], source: 'S18' },
  { id: 'bd_kutubdia', country: 'BD', role: 'departure', names: ['Kutubdia'], source: 'S18' },
  { id: 'bd_coxs_bazar', country: 'BD', role: 'departure', names: ["Cox's Bazar", 'Cox Bazar', 'Coxsbazar', 'Cox Bazaar'], source: 'S18, S25' },
  { id: 'bd_chittagong', country: 'BD', role: 'departure', names: ['Chittagong', 'Chattogram', 'Chatgaon'], source: 'S18' },
  // Myanmar.
  { id: 'mm_sittwe', country: 'MM', role: 'departure', names: ['Sittwe', 'Akyab'], source: 'S18' },
  { id: 'mm_rakhine_north', country: 'MM', role: 'departure', names: ['Maungdaw', 'Buthidaung', 'Rathedaung'], source: 'S18' },
  // Thailand: transit / camps.
  { id: 'th_ranong', country: 'TH', role: 'transit', names: ['Ranong'], source: 'S14, S18' },
  { id: 'th_songkhla', country: 'TH', role: 'camp', names: ['Songkhla', 'Singora'], source: 'S18, S21' },
  { id: 'th_sadao', country: 'TH', role: 'camp', names: ['Sadao', 'Sa Dao'], source: 'S18, S21' },
  { id: 'th_padang_besar', country: 'TH', role: 'camp', names: ['Padang Besar', 'Padang Besa'], source: 'S18, S21' },
  { id: 'th_satun', country: 'TH', role: 'transit', names: ['Satun'], source: 'S18' },
  { id: 'th_koh_lipe', country: 'TH', role: 'transit', names: ['Koh Lipe', 'Ko Lipe'], source: 'S18' },
  { id: 'th_hat_yai', country: 'TH', role: 'transit', names: ['Hat Yai', 'Hatyai', 'Haadyai', 'Had Yai'], source: 'S27' },
  // Malaysia: landing / camps / entry.
  { id: 'my_wang_kelian', country: 'MY', role: 'camp', names: ['Wang Kelian', 'Wang Kelina'], source: 'S20' },
  { id: 'my_padang_besar', country: 'MY', role: 'camp', names: ['Padang Besar'], source: 'S20' },
  { id: 'my_perlis', country: 'MY', role: 'camp', names: ['Perlis', 'Kangar'], source: 'S20' },
  { id: 'my_langkawi', country: 'MY', role: 'landing', names: ['Langkawi', 'Kuah'], source: 'S20, S51' },
  { id: 'my_penang', country: 'MY', role: 'landing', names: ['Penang', 'Pulau Pinang'], source: 'S51' },
  { id: 'my_hutan_melintang', country: 'MY', role: 'landing', names: ['Hutan Melintang'], source: 'S27' },
  { id: 'my_bagan_datuk', country: 'MY', role: 'landing', names: ['Bagan Datuk', 'Bagan Datoh', 'Bagan Datok'], source: 'S27' },
  { id: 'my_sabak_bernam', country: 'MY', role: 'landing', names: ['Sabak Bernam', 'Sabak'], source: 'S27' },
  { id: 'my_kuala_selangor', country: 'MY', role: 'landing', names: ['Kuala Selangor'], source: 'S27' },
  { id: 'my_stulang_laut', country: 'MY', role: 'landing', names: ['Stulang Laut', 'Stulang'], source: 'S27' },
  { id: 'my_pengerang', country: 'MY', role: 'landing', names: ['Pengerang'], source: 'S27' },
  { id: 'my_desaru', country: 'MY', role: 'landing', names: ['Desaru'], source: 'S27' },
  { id: 'my_batu_pahat', country: 'MY', role: 'landing', names: ['Batu Pahat'], source: 'S27' },
  { id: 'my_pontian', country: 'MY', role: 'landing', names: ['Pontian'], source: 'S27' },
  { id: 'my_muar', country: 'MY', role: 'landing', names: ['Muar', 'Bandar Maharani'], source: 'S27' },
  { id: 'my_kukup', country: 'MY', role: 'landing', names: ['Kukup'], source: 'S27' },
  { id: 'my_sandakan', country: 'MY', role: 'landing', names: ['Sandakan'], source: 'S27' },
  { id: 'my_semporna', country: 'MY', role: 'landing', names: ['Semporna'], source: 'S27' },
  { id: 'my_lahad_datu', country: 'MY', role: 'landing', names: ['Lahad Datu'], source: 'S27' },
  { id: 'my_tawau', country: 'MY', role: 'landing', names: ['Tawau'], source: 'S27' },
  // Indonesia: landing / onward.
  { id: 'id_pidie', country: 'ID', role: 'landing', names: ['Pidie', 'Muara Tiga', 'Batee', 'Laweueng', 'Lamreh'], source: 'S17' },
  { id: 'id_lhokseumawe', country: 'ID', role: 'landing', names: ['Lhokseumawe', 'Lhok Seumawe'], source: 'S17' },
  { id: 'id_east_aceh', country: 'ID', role: 'landing', names: ['East Aceh', 'Aceh Timur', 'Darul Aman', 'Idi Rayeuk'], source: 'S17' },
  { id: 'id_sabang', country: 'ID', role: 'landing', names: ['Sabang', 'Pulau Weh', 'Weh Island'], source: 'S17' },
  { id: 'id_west_aceh', country: 'ID', role: 'landing', names: ['West Aceh', 'Aceh Barat', 'Meulaboh'], source: 'S17' },
  { id: 'id_tanjung_balai', country: 'ID', role: 'transit', names: ['Tanjung Balai', 'Tanjungbalai', 'Tg Balai'], source: 'S17, S27' },
  { id: 'id_asahan', country: 'ID', role: 'transit', names: ['Asahan', 'Sei Apung', 'Sungai Apung'], source: 'S17' },
  { id: 'id_dumai', country: 'ID', role: 'transit', names: ['Dumai'], source: 'S17' },
  { id: 'id_batam', country: 'ID', role: 'transit', names: ['Batam'], source: 'S27' },
  { id: 'id_karimun', country: 'ID', role: 'transit', names: ['Karimun', 'Tanjung Balai Karimun'], source: 'S27' },
  { id: 'id_bintan', country: 'ID', role: 'transit', names: ['Bintan', 'Tanjung Pinang', 'Tanjungpinang'], source: 'S27' },
  // Sri Lanka: departure to Australia.
  { id: 'lk_chilaw', country: 'LK', role: 'departure', names: ['Chilaw', 'Halawatha'], source: 'S23' },
  { id: 'lk_negombo', country: 'LK', role: 'departure', names: ['Negombo', 'Meegamuwa'], source: 'S23' },
  { id: 'lk_batticaloa', country: 'LK', role: 'departure', names: ['Batticaloa', 'Kattankudy', 'Kattankudi'], source: 'S23' },
  { id: 'lk_trincomalee', country: 'LK', role: 'departure', names: ['Trincomalee', 'Trinco'], source: 'S23' },
  { id: 'lk_hambantota', country: 'LK', role: 'departure', names: ['Hambantota'], source: 'S23' },
  // Australia: arrival.
  { id: 'au_christmas_island', country: 'AU', role: 'arrival', names: ['Christmas Island'], source: 'S24' },
  { id: 'au_ashmore_reef', country: 'AU', role: 'arrival', names: ['Ashmore Reef'], source: 'S24' },
];

/**
 * A place name or location text reduced for matching: lower case, diacritics and apostrophes
 * removed, every other run of non-letters and non-digits one space.
 * @category Domain
 * @example normalizePlace("CDM Cox’s Bazar – Kolatoli") // "cdm coxs bazar kolatoli"
 */
export function normalizePlace(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Finds the hotspot a free-text location names. Built once (at rule construction); a lookup costs
 * a few map probes per word of the location.
 * @category Domain
 * @example hotspotMatcher().match('Maybank ATM Jalan Pantai Cenang, Langkawi', 'MY')?.id // 'my_langkawi'
 */
export interface HotspotMatcher {
  /**
   * The hotspot named in `location` as a whole word or phrase, or `undefined`. When `country` is
   * given only that country's places (and places without a country) are considered; the longest
   * name wins, then the earliest in the text.
   */
  match(location: string | undefined, country?: string | undefined): Hotspot | undefined;
}

/**
 * Builds a {@link HotspotMatcher} over the given places (default {@link HOTSPOTS}); names of
 * fewer than three characters after normalizing are ignored. Answers are remembered per location
 * and country (a bank's cash locations are a few thousand strings, each read on every cash event
 * there), at most 8,192 of them at a time.
 * @category Domain
 * @example const m = hotspotMatcher([...HOTSPOTS, { id: 'x_jetty', country: 'MY', role: 'landing', names: ['Jeti Kuala Perlis'], source: 'bank' }]);
 */
export function hotspotMatcher(hotspots: readonly Hotspot[] = HOTSPOTS): HotspotMatcher {
  const byName = new Map<string, Hotspot[]>();
  let maxWords = 1;
  for (const h of hotspots) {
    for (const name of h.names) {
      const key = normalizePlace(name);
      if (key.length < 3) continue;
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [h]);
      else if (!list.includes(h)) list.push(h);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
  }
  const memo = new Map<string, Hotspot | null>();
  const find = (location: string, country: string | undefined): Hotspot | undefined => {
    const words = normalizePlace(location).split(' ');
    // Longest phrase first, so "Tanjung Balai Karimun" is Karimun, not Tanjung Balai.
    for (let n = Math.min(maxWords, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const list = byName.get(n === 1 ? (words[i] as string) : words.slice(i, i + n).join(' '));
        if (list === undefined) continue;
        const hit = country === undefined ? list[0] : list.find((h) => h.country === country || h.country === '');
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  };
  return {
    match(location, country) {
      if (location === undefined) return undefined;
      const key = `${country ?? '\u0001'}\u0000${location}`;
      const known = memo.get(key);
      if (known !== undefined) return known ?? undefined;
      const found = find(location, country);
      if (memo.size >= MATCH_MEMO_SIZE) memo.clear();
      memo.set(key, found ?? null);
      return found;
    },
  };
}

/** Most locations a {@link hotspotMatcher} remembers; past it the memo starts again (the answers are the same). */
const MATCH_MEMO_SIZE = 8192;
