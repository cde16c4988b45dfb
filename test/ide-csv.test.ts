import { csvField, findRows, resultToCsv, toCsv } from '../src/http/ide/csv';
import { parseCsv } from './support/csv';

// The IDE's CSV download (src/http/ide/csv.js), the same file the browser runs.


describe('which list of a result becomes the rows', () => {
  it('takes a connection’s nodes, wherever they are and whatever their alias', () => {
    const data = { me: { role: 'ANALYST' }, recent: { totalCount: 2, nodes: [{ id: 'a' }, { id: 'b' }] } };
    expect(findRows({ data })).toEqual({ path: ['recent', 'nodes'], rows: [{ id: 'a' }, { id: 'b' }] });
  });

  it('takes the nodes of edges, dropping the cursors', () => {
    const data = { p: { edges: [{ cursor: 'c1', node: { id: 'a' } }, { cursor: 'c2', node: { id: 'b' } }] } };
    expect(findRows(data)).toEqual({ path: ['p', 'edges', 'node'], rows: [{ id: 'a' }, { id: 'b' }] });
  });

  it('takes the first list of objects in field order, depth first, and not one nested in its rows', () => {
    const data = {
      sites: { nodes: [{ name: 'Oak', patients: { nodes: [{ id: 'p1' }] } }] },
      patients: { nodes: [{ id: 'p2' }] },
    };
    expect(findRows(data)!.path).toEqual(['sites', 'nodes']);
  });

  it('passes over empty lists and lists of scalars, and finds an aggregate’s groups the same way', () => {
    const data = { empty: { nodes: [] }, me: { permissions: ['PATIENT_READ'] }, appointmentsAggregate: { count: 3, groups: [{ keys: { status: 'COMPLETED' }, count: 3 }] } };
    expect(findRows(data)).toEqual({ path: ['appointmentsAggregate', 'groups'], rows: [{ keys: { status: 'COMPLETED' }, count: 3 }] });
  });

  it('finds nothing in a result without a list of objects, or without data', () => {
    expect(findRows({ data: { node: { id: 'x', title: 'Review' } } })).toBeNull();
    expect(findRows({ data: null, errors: [{ message: 'Log in first' }] })).toBeNull();
    expect(resultToCsv({ data: { patients: { nodes: [] } } })).toBeNull();
  });
});

describe('CSV text', () => {
  it('flattens nested objects to dotted columns in order of first appearance, a null object leaving them empty', () => {
    const rows = [
      { startTime: '2026-11-01T09:00:00Z', patient: null, status: 'COMPLETED' },
      { startTime: '2026-11-02T10:00:00Z', patient: { lastName: 'Okafor', site: { name: 'Oak Lodge' } }, status: 'NO_SHOW', notes: { nodes: [{ id: 'n1' }] } },
    ];
    const { columns, csv } = toCsv(rows);
    expect(columns).toEqual(['startTime', 'status', 'patient.lastName', 'patient.site.name', 'notes.nodes']);
    expect(parseCsv(csv)).toEqual([
      ['startTime', 'status', 'patient.lastName', 'patient.site.name', 'notes.nodes'],
      ['2026-11-01T09:00:00Z', 'COMPLETED', '', '', ''],
      ['2026-11-02T10:00:00Z', 'NO_SHOW', 'Okafor', 'Oak Lodge', '[{"id":"n1"}]'],
    ]);
  });

  it('quotes per RFC 4180: commas, quotes and line breaks survive a round trip; records end with CRLF', () => {
    const tricky = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere', '', 'Zoë ✓'];
    const { csv } = toCsv(tricky.map((text) => ({ text })));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe('"a,b"');
    expect(csv).toContain('"say ""hi"""');
    expect(parseCsv(csv).slice(1).map(([text]) => text)).toEqual(tricky);
  });

  it('protects spreadsheet users from formulas: text starting with = + - @ tab or CR is prefixed with a quote', () => {
    expect(csvField('=HYPERLINK("http://x.test","click")')).toBe(`"'=HYPERLINK(""http://x.test"",""click"")"`);
    expect(csvField('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=1')).toBe('a=1');
  });

  it('leaves numbers as numbers (a refund of -12.50 runs nothing), and writes null as an empty field', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('+44')).toBe('+44');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('protects the header as well as the cells', () => {
    const { csv } = toCsv([{ '=cmd': 1 }]);
    expect(csv.split('\r\n')[0]).toBe("'=cmd");
  });

  it('gives the whole download of a response: path, row count, columns and text', () => {
    const response = { data: { appointments: { totalCount: 2, nodes: [{ status: 'COMPLETED', site: { name: 'Oak' } }, { status: 'NO_SHOW', site: { name: 'Birch, East' } }] } } };
    expect(resultToCsv(response)).toEqual({
      path: ['appointments', 'nodes'],
      rowCount: 2,
      columns: ['status', 'site.name'],
      csv: 'status,site.name\r\nCOMPLETED,Oak\r\nNO_SHOW,"Birch, East"\r\n',
    });
  });
});
