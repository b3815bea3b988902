/** Salesforce answers are untyped JSON or XML: one record type and the narrowing helper. */
export type SfRecord = Record<string, any>;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
