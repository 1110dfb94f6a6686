/**
 * The corridor fee table of RESEARCH §a.2: smuggling fares, ransoms and recruitment costs as
 * **reported** by the sources (press, UN agencies, court and police statements) in the currency the
 * source gave. They are reported amounts, not prices anyone has verified or that apply today; they
 * serve MS-AMT-02 (fee-matching amounts) and test data. USD equivalents the sources added to a
 * local-currency figure are left out: only the amount as reported is kept.
 * @category Domain
 */

/**
 * What a reported amount paid for: a smuggling fare (any leg), a ransom or release price, a
 * regular labour-migration recruitment cost (a debt source, lawful in part), a survey average, or a
 * network member's share (broker's cut, crew pay).
 * @category Domain
 */
export type FeeKind = 'fare' | 'ransom' | 'recruitment' | 'survey' | 'share';

/** All fee kinds, in a fixed order. @category Domain */
export const FEE_KINDS = ['fare', 'ransom', 'recruitment', 'survey', 'share'] as const satisfies readonly FeeKind[];

/**
 * One row of the fee table.
 * @category Domain
 * @example const fee: CorridorFee = { id: 'wang_kelian_release', route: 'Wang Kelian camp release', kind: 'ransom', currency: 'MYR', amounts: [6_500_00], per: 'person', year: '2014–15', source: 'S20' };
 */
export interface CorridorFee {
  /** Stable snake_case key. */
  readonly id: string;
  /** Route or leg as the source describes it. */
  readonly route: string;
  readonly kind: FeeKind;
  /** ISO 4217 code of the reported amounts. */
  readonly currency: string;
  /** Reported figures in integer minor units (ISO 4217 exponent): one value, or the bounds of a reported range. */
  readonly amounts: readonly number[];
  /** Whether one amount pays for one person (multiples are party sizes) or for a whole family. */
  readonly per: 'person' | 'family';
  /** Year (or years) the amount was reported for. */
  readonly year: string;
  /** Source key of RESEARCH §f. */
  readonly source: string;
}

/**
 * Reported fees, ransoms and debts (RESEARCH §a.2, amounts as reported; all currencies here have
 * ISO exponent 2, so `25_000_00` is BDT 25,000.00).
 * @category Domain
 * @example CORRIDOR_FEES.filter((f) => f.currency === 'MYR' && f.kind === 'ransom')
 */
export const CORRIDOR_FEES: readonly CorridorFee[] = [
  { id: 'bd_boat_initial', route: "Cox's Bazar area → boat to Thailand/Malaysia (initial payment)", kind: 'fare', currency: 'BDT', amounts: [25_000_00, 15_000_00], per: 'person', year: 'c. 2009', source: 'S18' },
  { id: 'bd_boat_pool', route: "Cox's Bazar gathering points → Malaysia (fare pooled to buy the boat)", kind: 'fare', currency: 'BDT', amounts: [20_000_00], per: 'person', year: 'c. 2009', source: 'S18' },
  { id: 'mm_agent_advance', route: 'Myanmar → agent before the Malaysia boat', kind: 'fare', currency: 'MMK', amounts: [300_000_00], per: 'person', year: 'c. 2009', source: 'S18' },
  { id: 'th_my_land_child', route: 'Southern Thailand → Malaysia land leg (child)', kind: 'fare', currency: 'MYR', amounts: [1_000_00], per: 'person', year: '2009', source: 'S18' },
  { id: 'th_my_land_adult', route: 'Southern Thailand → Malaysia land leg (adult)', kind: 'fare', currency: 'MYR', amounts: [2_200_00], per: 'person', year: '2009', source: 'S18' },
  { id: 'th_my_land_family', route: 'Southern Thailand → Malaysia land leg (family)', kind: 'fare', currency: 'MYR', amounts: [4_500_00, 5_000_00], per: 'family', year: '2009', source: 'S18' },
  { id: 'th_passage', route: 'Thailand passage (up to)', kind: 'fare', currency: 'THB', amounts: [50_000_00], per: 'person', year: 'c. 2013', source: 'S18' },
  { id: 'th_camp_release', route: 'Release from a southern Thai camp', kind: 'ransom', currency: 'USD', amounts: [1_800_00], per: 'person', year: '2013', source: 'S18' },
  { id: 'bd_my_fare', route: 'Bangladesh → Malaysia', kind: 'fare', currency: 'BDT', amounts: [170_000_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'bd_my_broker_cut', route: "Bangladesh → Malaysia (broker's cut)", kind: 'share', currency: 'USD', amounts: [257_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'bob_boarding', route: 'Bay of Bengal boarding, whole trip', kind: 'fare', currency: 'USD', amounts: [90_00, 370_00], per: 'person', year: 'Q1 2015', source: 'S14' },
  { id: 'rakhine_my_full_fare', route: 'Sittwe / Chittagong → Malaysia full fare', kind: 'fare', currency: 'USD', amounts: [2_000_00, 2_500_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'pay_on_arrival', route: 'Pay-on-arrival deal (Malaysia)', kind: 'fare', currency: 'MYR', amounts: [4_000_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'camp_my_completion', route: 'Completion of journey, camp → Malaysia', kind: 'fare', currency: 'USD', amounts: [1_260_00], per: 'person', year: '2015', source: 'S51' },
  { id: 'bd_ransom', route: 'Ransom for a Bangladeshi victim (demanded, paid, demanded again)', kind: 'ransom', currency: 'BDT', amounts: [220_000_00, 210_000_00, 150_000_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'wang_kelian_release', route: 'Release from Wang Kelian camp (price; deposits seen)', kind: 'ransom', currency: 'MYR', amounts: [6_500_00, 4_000_00, 5_800_00], per: 'person', year: '2014–15', source: 'S20' },
  { id: 'camp_boarding', route: 'Boarding demand', kind: 'fare', currency: 'MYR', amounts: [8_000_00, 10_000_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'camp_demand', route: 'Demand at a camp', kind: 'ransom', currency: 'MYR', amounts: [9_000_00], per: 'person', year: '2015', source: 'S18' },
  { id: 'rakhine_bd_crossing', route: 'Rakhine → Bangladesh short crossing (up to)', kind: 'fare', currency: 'USD', amounts: [250_00], per: 'person', year: '2017', source: 'S18' },
  { id: 'cxb_aceh_bdt', route: "Cox's Bazar → Aceh", kind: 'fare', currency: 'BDT', amounts: [20_000_00, 100_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'cxb_aceh_idr', route: "Cox's Bazar → Aceh (police figures)", kind: 'fare', currency: 'IDR', amounts: [3_000_000_00, 15_000_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'cxb_pidie_bdt', route: "Cox's Bazar → Pidie, Aceh (adult; child)", kind: 'fare', currency: 'BDT', amounts: [100_000_00, 50_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'cxb_pidie_idr', route: "Cox's Bazar → Pidie, Aceh (adult; child, as reported in IDR)", kind: 'fare', currency: 'IDR', amounts: [14_000_000_00, 7_000_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'bd_east_aceh_myr', route: 'Bangladesh → East Aceh, aiming for Malaysia (outlier, U)', kind: 'fare', currency: 'MYR', amounts: [15_000_00, 20_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'bd_east_aceh_idr', route: 'Bangladesh → East Aceh, aiming for Malaysia (outlier, U)', kind: 'fare', currency: 'IDR', amounts: [50_000_000_00, 66_000_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'aceh_my_onward', route: 'Aceh → Malaysia onward (via Tanjung Balai or Dumai)', kind: 'fare', currency: 'IDR', amounts: [5_000_000_00, 10_000_000_00], per: 'person', year: '2023', source: 'S17' },
  { id: 'aceh_sea_pickup', route: 'Sea pick-up off Aceh → Malaysia (paid by an agent in Malaysia)', kind: 'fare', currency: 'IDR', amounts: [5_000_000_00], per: 'person', year: '2024', source: 'S17' },
  { id: 'indonesia_survey_average', route: 'Average smuggling fee to Indonesia (all; Afghans; Somalis)', kind: 'survey', currency: 'USD', amounts: [2_651_00, 5_748_00, 1_356_00], per: 'person', year: '2022–23', source: 'S19' },
  { id: 'id_au_usual', route: 'Indonesia → Australia by boat ("usual")', kind: 'fare', currency: 'USD', amounts: [5_000_00, 10_000_00], per: 'person', year: '2009', source: 'S7' },
  { id: 'id_au_case', route: 'Indonesia → Australia (Iraqi/Iranian passengers)', kind: 'fare', currency: 'AUD', amounts: [4_500_00, 10_000_00], per: 'person', year: 'c. 2010–12', source: 'S6' },
  { id: 'id_au_afghans', route: 'Indonesia → Australia (about 70 Afghans, paid in cash; up to)', kind: 'fare', currency: 'AUD', amounts: [10_000_00], per: 'person', year: '2009', source: 'S7' },
  { id: 'id_christmas_island', route: 'Indonesia → Christmas Island / Ashmore Reef', kind: 'fare', currency: 'AUD', amounts: [5_000_00, 15_000_00], per: 'person', year: '2010–12', source: 'S24' },
  { id: 'id_au_crew', route: 'Indonesia → Australia (crew pay)', kind: 'share', currency: 'IDR', amounts: [5_000_000_00], per: 'person', year: '2010–12', source: 'S24' },
  { id: 'lk_au_fare', route: 'Sri Lanka → Australia', kind: 'fare', currency: 'LKR', amounts: [700_000_00, 1_000_000_00, 1_500_000_00], per: 'person', year: '2022', source: 'S23' },
  { id: 'lk_feeder_boat', route: 'Sri Lanka feeder boat to the trawler', kind: 'fare', currency: 'LKR', amounts: [80_000_00], per: 'person', year: '2022', source: 'S23' },
  { id: 'bd_my_recruitment', route: 'Bangladesh → Malaysia regular labour migration (official; actually paid)', kind: 'recruitment', currency: 'BDT', amounts: [78_000_00, 84_000_00, 200_000_00, 500_000_00, 600_000_00], per: 'person', year: '2023–25', source: 'S26' },
];
