/**
 * Column-mapping presets for the public labelled data sets in ../shared/datasets. Plain data.
 */
export const PRESETS: Readonly<Record<string, unknown>> = {
  /** IBM AMLSim `transactions.csv`: sourceNodeId,targetNodeId,value,time (time = day step from 2025-01-01; value read as USD). */
  amlsim: {
    description: 'IBM AMLSim sample: integer day steps from 2025-01-01T00:00:00Z, unnamed currency read as USD (2 decimals, half-even).',
    columns: { from_account: 'sourceNodeId', to_account: 'targetNodeId' },
    constants: { currency: 'USD', kind: 'transfer', channel: 'online' },
    transforms: {
      id: { op: 'row_number', prefix: 'S' },
      timestamp: { op: 'day_offset', from: 'time', origin: '2025-01-01T00:00:00Z' },
      amount: { op: 'fixed_decimals', from: 'value', digits: 2 },
    },
  },
  /** IBM AMLworld HI-Small patterns: bank-qualified accounts, paid amount and currency, UTC minutes. */
  amlworld: {
    description: 'IBM AMLworld HI-Small laundering patterns: account = bank:account, amount_paid in payment_currency, timestamps read as UTC.',
    constants: { kind: 'transfer' },
    transforms: {
      id: { op: 'row_number', prefix: 'W' },
      timestamp: { op: 'date_format', from: 'timestamp', pattern: 'yyyy/MM/dd HH:mm', zone: 'UTC' },
      amount: { op: 'fixed_decimals', from: 'amount_paid', digits: 2 },
      currency: {
        op: 'map', from: 'payment_currency',
        values: {
          'US Dollar': 'USD', Euro: 'EUR', 'Saudi Riyal': 'SAR', Yen: 'JPY', Rupee: 'INR', 'Swiss Franc': 'CHF', Yuan: 'CNY',
          'Canadian Dollar': 'CAD', 'Australian Dollar': 'AUD', Ruble: 'RUB', 'UK Pound': 'GBP', 'Mexican Peso': 'MXN',
          'Brazil Real': 'BRL', Shekel: 'ILS', Bitcoin: 'XBT',
        },
      },
      from_account: { op: 'concat', from: ['from_bank', 'from_account'], separator: ':' },
      to_account: { op: 'concat', from: ['to_bank', 'to_account'], separator: ':' },
      channel: { op: 'map', from: 'payment_format', values: { ACH: 'online', Wire: 'online', Cheque: 'cheque', 'Credit Card': 'card', Cash: 'branch', 'Reinvestment': 'other', Bitcoin: 'crypto' }, default: 'other' },
    },
  },
};
