/** A document format: how to tidy what was typed, and whether the result is valid. */
export interface DocumentRule {
  /** Human description for the error message, e.g. "NIT: 7 to 13 digits". */
  describe: string;
  /** Tidy the raw input (case, separators) into the stored form. */
  normalize: (raw: string) => string;
  /** True when the stored form is a valid document. */
  valid: (value: string) => boolean;
  /** The part that identifies the holder (unique per tenant); defaults to the whole value. */
  identity?: (value: string) => string;
}

/** The tax-id and identity-card rules of one country. */
export interface CountryDocuments {
  taxId: DocumentRule;
  identityCard: DocumentRule;
}

/** Remove spaces (and dots, for countries that group digits with them). */
export const squeeze = (raw: string, dots = false): string =>
  raw
    .trim()
    .toUpperCase()
    .replace(dots ? /[\s.]+/g : /\s+/g, '');
