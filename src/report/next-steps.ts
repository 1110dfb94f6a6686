/** What an analyst typically checks next for one typology, with the research it rests on. */
export interface NextSteps {
  readonly title: string;
  readonly checks: readonly string[];
}

/**
 * What analysts typically check next, per shipped typology, drawn from the indicator definitions,
 * false-positive sources and cases of ../shared/domain/RESEARCH.md (§a.1, §c.3, §c.5, §d). Keyed
 * by typology id; a custom typology gets {@link GENERIC_NEXT_STEPS}.
 */
export const NEXT_STEPS: Readonly<Record<string, NextSteps>> = {
  structuring: {
    title: 'Possible structuring (threshold avoidance)',
    checks: [
      'Profile: is the customer a cash-intensive business (shop, market trader, gold dealer) or a cash payroll, whose takings or wages explain deposits near the threshold? Compare with the declared occupation and income (RESEARCH §c.5, MS-PROF-01).',
      'Who conducted each deposit or withdrawal: teller records and CCTV for the conductor, and the same customer at other branches, ATMs, CDMs and institutions on the same days (MS-STR-03).',
      'Linked customers sharing a phone, address or document (MS-ID-01), and transfers kept under the transfer thresholds alongside (MS-STR-04): a band rule alone misses structuring well below the line (§c.1).',
      'Identical amounts: are they a machine\'s per-transaction cap rather than a choice (§c.5)?',
      'Purpose is for the analyst to establish: the pattern is a possible structuring pattern, never structuring by itself (§c.3).',
    ],
  },
  smuggling_collection: {
    title: 'Possible smuggling-fee collection',
    checks: [
      'Who the senders are: relatives of the holder, members of a savings club (fixed members, equal contributions, payouts in turn), tenants, donors to a registered NGO, customers of a licensed travel agency (RESEARCH §c.5)?',
      'Where senders and collector sit: origin or diaspora senders paying a collector in a transit or departure area (§a.5 corridors, §a.3 hotspots); amounts matching per-person fees or family multiples (§a.2, MS-AMT-02).',
      'Where the money went next: dispersal within days to a boat owner, fuel, crew or offshore third parties (MS-FAN-01), cash withdrawn near departure, landing or border points (MS-CASH-01), or cash in and out abroad (MS-CASH-02).',
      'Timing against the sailing season (September to May, peak October to March) and against festival peaks that also raise corridor volume (MS-SEAS-01, §c.5).',
      'The account itself: newly opened or re-awakened (MS-NEW-01), identifiers shared with other collectors (MS-ID-01); the same collector at other institutions, where an FIU can see across them (§c.6).',
    ],
  },
  debt_repayment: {
    title: 'Possible debt repayment or wage diversion',
    checks: [
      'Is the payee the payer\'s household or family (declared, shared surname or address)? Regular family remittances look like instalments; a payee receiving such series from many unrelated, newly arrived workers does not (RESEARCH §c.5, case 17).',
      'Where the payee sits and who it is: a collector in a transit or origin area, a labour agent or an associate of the employer (MS-DEBT-01, MS-DEBT-02).',
      'Payroll: wages passed on within 24 hours, payroll below what the workforce implies, large housing or food deductions (MS-DEBT-02).',
      'Cumulative totals against reported smuggling fees and recruitment debts on the corridor (§a.2), and repayment horizons of 12 to 18 months.',
      'The payers may be victims (debt bondage, forced labour: MS-DEBT-02 sources): consider their protection before any contact.',
    ],
  },
  ransom_collection: {
    title: 'Possible ransom collection',
    checks: [
      'Family clusters: do payers share a surname, address or phone (MS-ID-01, MS-TP-01), and does each later payment match or exceed the earlier one?',
      'Amounts inside reported ransom bands (BDT 150,000–220,000, MYR 4,000–6,500, USD 1,000–2,500; RESEARCH §a.2) and cash-deposit-machine payments (case 3, Wang Kelian).',
      'The collector\'s other counterparties: further families within 30 days, onward transfers, cash-outs near border or camp areas (§a.3).',
      'Ransom payments in the published cases were made for people held in camps (§d cases 3 and 9): follow your unit\'s procedure for possible ongoing harm.',
    ],
  },
  unlicensed_remitter: {
    title: 'Possible unlicensed remittance (hundi, hawala)',
    checks: [
      'Is the holder a licensed remitter or one of its agents? Check the regulator\'s register; licensed remitters are excluded by the rule.',
      'Offsetting flows: a few foreign lump sums against many domestic payouts matching within 5 % over 30 days (MS-HAW-01 iii).',
      'Informal channels are also used for lawful wages because their rates beat the banks\': treat this as context and look for funnel, debt or structuring signals with it (RESEARCH §c.5).',
      'Volume against comparable agents in the same area, particularly camp or border areas (MS-HAW-01 ii); deposits held for days and released to a third party on arrival (MS-HAW-02).',
    ],
  },
  layering: {
    title: 'Possible layering through transit accounts',
    checks: [
      'Follow the path hop by hop (the transaction ids in the first hit): who holds each account, and is any of them a collector, mule or pass-through already alerted (MS-LAY-01…03)?',
      'Lawful explanations: a loan repaid round a circle of friends or relatives, a savings club, a household splitting bills, an employer or agency paying many (benefits, payroll) — the members\' own histories show settled relations of this kind.',
      'Where the money entered and left the structure: cash at hotspots, corridor transfers, accounts at other institutions (an FIU can see across them, RESEARCH §c.6).',
      'Amounts along the path: preserved minus small fees (a transit route) or changed at will (a layering schedule); dwell time at each hop.',
    ],
  },
};

/** Checks for a typology the research does not cover (a custom typology). */
export const GENERIC_NEXT_STEPS: NextSteps = {
  title: 'Next checks',
  checks: [
    'Compare the activity with the customer\'s profile (occupation, declared income, account purpose) and peers.',
    'Open the evidence transactions and their counterparties; look for lawful explanations before escalating (RESEARCH §c.5).',
  ],
};

/** The standing disclaimer printed with every case and on the overview. */
export const SIGNALS_DISCLAIMER =
  'Alerts are signals for analyst review, not findings: each reports a possible pattern with its evidence. No single financial indicator proves smuggling or structuring; purpose and context are for the analyst to establish.';
