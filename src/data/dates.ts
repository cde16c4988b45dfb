/** A Date argument (the Date scalar parses to a Date at UTC midnight) as the `YYYY-MM-DD` the database and reads use. */
export const isoDay = (value: Date | string): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
