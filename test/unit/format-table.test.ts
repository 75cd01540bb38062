import { describe, expect, it } from 'vitest';
import { formatStatusTable } from '../../main/cli/format-table';
import type { FleetReport } from '../../main/monitor/fleet-report';

const report: FleetReport = {
  source: 'cove',
  asOf: '2026-12-03T09:00:00.000Z',
  customers: [
    {
      id: 1,
      name: 'Acme\nLtd (it@acme.example)',
      status: 'failed',
      counts: { ok: 1, warning: 0, failed: 1, stale: 0, running: 0, never: 0, unknown: 0 },
      devices: [
        { id: 10, name: 'SRV\u001b[31m01', computer: null, kind: 'server', partnerId: 1, status: 'failed', coveStatus: 2, lastSessionAt: null, lastSuccessAt: null, errors: 3, dataSources: [] },
        { id: 11, name: 'SRV02', computer: null, kind: 'server', partnerId: 1, status: 'ok', coveStatus: 5, lastSessionAt: null, lastSuccessAt: '2026-12-03T02:00:00.000Z', errors: 0, dataSources: [] },
      ],
    },
  ],
};

describe('formatStatusTable', () => {
  it('one line per customer, problems as words, a summary line', () => {
    const table = formatStatusTable(report, { colour: false, devices: false, timeZone: 'UTC' });
    expect(table.split('\n')).toEqual([
      'Cove as of 3 Dec 2026, 09:00',
      '',
      expect.stringMatching(/^STATUS\s+CUSTOMER\s+DEVICES\s+PROBLEMS$/),
      expect.stringMatching(/^FAILED\s+Acme Ltd \(it@acme\.example\)\s+2\s+1 failed$/),
      '',
      '1 customer, 2 devices: 1 failed, 1 ok',
    ]);
  });

  it('keeps control characters in names from Cove out of the terminal', () => {
    const table = formatStatusTable(report, { colour: false, devices: true, timeZone: 'UTC' });
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(table).toContain('SRV [31m01 (server): Failed, no successful backup yet');
  });
});
