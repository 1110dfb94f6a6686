/**
 * Stable, snake_case codes for why an input row or field was not accepted. They never change
 * once released; messages may be reworded.
 * @category Schema
 */
export type RowIssueCode =
  | 'required'
  | 'invalid_type'
  | 'too_long'
  | 'invalid_value'
  | 'unknown_currency'
  | 'invalid_amount'
  | 'amount_precision'
  | 'amount_not_positive'
  | 'amount_too_large'
  | 'invalid_timestamp'
  | 'naive_timestamp'
  | 'invalid_country'
  | 'invalid_date'
  | 'malformed_row'
  | 'duplicate_id'
  | 'conversion_unavailable'
  | 'late_arrival';

/**
 * One reason a row was not accepted: the row number as a person counts it in the file (header is
 * row 1 for CSV; line number for NDJSON and for goAML reports (the `<transaction>` line); 1-based
 * element index for JSON arrays and iterables),
 * the field (column) it concerns, or `""` for the whole row.
 * @category Schema
 */
export interface RowIssue {
  readonly row: number;
  /** The file the row came from, when one source is several files (a directory of goAML reports). */
  readonly file?: string;
  readonly field: string;
  readonly code: RowIssueCode;
  readonly message: string;
}

/** A field-level problem before a row number is known. */
export interface FieldIssue {
  readonly field: string;
  readonly code: RowIssueCode;
  readonly message: string;
}

/** Outcome of validating one record: the value, or every field issue found. */
export type RecordResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };
