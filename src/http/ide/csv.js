// @ts-check
'use strict';
/*
 * A GraphQL result as CSV, for the IDE's "Download CSV" button. Plain, dependency-free
 * JavaScript so that one file is both served to the browser (a classic script under
 * script-src 'self': it sets `CareGraphCsv`) and required by the Node tests (CommonJS).
 *
 * Which rows: the FIRST NON-EMPTY LIST OF OBJECTS in `data`, searched depth first in the
 * order of the response's fields (the order of the query's selections, aliases included).
 * A list whose items all hold a `node` object (a connection's `edges`) gives those nodes
 * (the cursor is dropped). So `{ appointments { totalCount nodes { … } } }` gives the
 * appointments, `{ a: patients { edges { node { … } } } }` the patients, and an aggregate's
 * `groups` its groups. A list found inside a chosen row is not searched further: it is one
 * cell (below). Empty lists and lists of scalars are passed over.
 *
 * Columns: nested objects are flattened to dotted names (`patient.lastName`), in the order
 * of their first appearance across rows; a list inside a row is one cell holding its JSON.
 * A null object (`patient: null`) leaves its dotted columns empty.
 *
 * Cells (RFC 4180): CRLF between records; a field holding `"`, `,`, CR or LF is quoted,
 * with `"` doubled. Text starting with = + - @ tab or CR is prefixed with `'` so that a
 * spreadsheet shows it instead of running it as a formula (OWASP "CSV injection"); a value
 * that is only a number (`-12.50`, a JSON number) is left as it is, as it runs nothing.
 */
{
  /** @typedef {{ [key: string]: unknown }} JsonObject */

  /** @param {unknown} value @returns {value is JsonObject} */
  const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

  /**
   * The rows of a result and where they were found, or null when it holds no list of objects.
   * @param {unknown} data the response's `data` (or the whole response: its `data` is used)
   * @returns {{ path: string[], rows: unknown[] } | null}
   */
  function findRows(data) {
    const root = isObject(data) && 'data' in data ? data.data : data;
    /** @param {unknown} value @param {string[]} path @returns {{ path: string[], rows: unknown[] } | null} */
    const search = (value, path) => {
      if (Array.isArray(value)) {
        const objects = value.filter((item) => item !== null);
        if (objects.length === 0 || !objects.every(isObject)) return null;
        const edges = objects.every((item) => isObject(item) && 'node' in item && (item.node === null || isObject(item.node))) && objects.some((item) => isObject(item) && isObject(item.node));
        return edges ? { path: [...path, 'node'], rows: value.map((item) => (isObject(item) ? item.node : null)) } : { path, rows: value };
      }
      if (!isObject(value)) return null;
      for (const key of Object.keys(value)) {
        const found = search(value[key], [...path, key]);
        if (found) return found;
      }
      return null;
    };
    return search(root, []);
  }

  /**
   * One row as dotted column names and values (nested objects flattened, lists as JSON).
   * @param {unknown} row
   * @returns {Map<string, unknown>}
   */
  function flattenRow(row) {
    /** @type {Map<string, unknown>} */
    const cells = new Map();
    /** @param {unknown} value @param {string} name */
    const walk = (value, name) => {
      if (isObject(value)) {
        for (const key of Object.keys(value)) walk(value[key], name ? `${name}.${key}` : key);
      } else if (name) {
        cells.set(name, Array.isArray(value) ? JSON.stringify(value) : value);
      }
    };
    walk(row, '');
    return cells;
  }

  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const FORMULA_START = /^[=+\-@\t\r]/;
  const NEEDS_QUOTES = /[",\r\n]/;

  /**
   * One CSV field: text, formula-protected and quoted as needed.
   * @param {unknown} value
   * @returns {string}
   */
  function csvField(value) {
    if (value === null || value === undefined) return '';
    let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  /**
   * Rows of objects as CSV text: a header of the dotted column names, then one record per row.
   * @param {unknown[]} rows
   * @returns {{ columns: string[], csv: string }}
   */
  function toCsv(rows) {
    const flat = rows.map(flattenRow);
    /** @type {Set<string>} */
    const names = new Set();
    for (const cells of flat) for (const name of cells.keys()) names.add(name);
    // `patient` is null in one row and `patient.lastName` in another: one set of columns, the dotted ones.
    const columns = [...names].filter((name) => ![...names].some((other) => other.startsWith(`${name}.`)));
    const lines = [columns.map(csvField).join(',')];
    for (const cells of flat) lines.push(columns.map((name) => csvField(cells.get(name))).join(','));
    return { columns, csv: `${lines.join('\r\n')}\r\n` };
  }

  /**
   * The CSV of a GraphQL response, or null when it holds no list of objects.
   * @param {unknown} response
   * @returns {{ path: string[], rowCount: number, columns: string[], csv: string } | null}
   */
  function resultToCsv(response) {
    const found = findRows(response);
    if (!found) return null;
    return { path: found.path, rowCount: found.rows.length, ...toCsv(found.rows) };
  }

  const CareGraphCsv = { findRows, flattenRow, csvField, toCsv, resultToCsv };
  if (typeof module === 'object' && module.exports) module.exports = CareGraphCsv;
  else /** @type {{ CareGraphCsv?: typeof CareGraphCsv }} */ (globalThis).CareGraphCsv = CareGraphCsv;
}
