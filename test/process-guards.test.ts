import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@swc/core';

/**
 * The last-resort handlers, in a Node process of their own (Jest keeps its own handlers in
 * this one): a stray rejection and a stray exception are logged, and the process goes on.
 */
it('a rejection nobody handles and an exception nothing catches are logged, and the process keeps running', () => {
  const guards = path.join(__dirname, '../src/process-guards.ts');
  // The module as JavaScript, compiled by the swc that Jest already uses.
  const code = transformSync(fs.readFileSync(guards, 'utf8'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
  const program = `
    const m = { exports: {} };
    new Function('module', 'exports', 'require', ${JSON.stringify(code)})(m, m.exports, require);
    const lines = [];
    const logger = { error: (fields, msg) => lines.push({ ...fields, msg }) };
    m.exports.installLastResortHandlers(logger);
    Promise.reject(new TypeError('nobody awaited me'));
    setTimeout(() => { throw new RangeError('nobody caught me'); }, 10);
    setTimeout(() => { console.log(JSON.stringify({ alive: true, lines })); }, 100);
  `;
  const result = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 10_000, cwd: path.join(__dirname, '..') });
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout.trim().split('\n').pop()!);
  expect(report.alive).toBe(true);
  expect(report.lines.map((l: { msg: string; errorClass: string }) => `${l.errorClass}: ${l.msg}`)).toEqual([
    'TypeError: unhandled promise rejection (the server keeps serving)',
    'RangeError: uncaught exception (the server keeps serving)',
  ]);
});
