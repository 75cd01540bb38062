import { describe, expect, it } from 'vitest';
import { canonicalColumn, parseActiveDataSources } from '../../main/cove/column-codes';
import { flattenSettings, readStatisticsRow, readTimestamp, statisticsColumns } from '../../main/cove/statistics-parser';

describe('canonicalColumn', () => {
  it.each([
    ['D9F00', 'D09F00'],
    ['D09F00', 'D09F00'],
    ['d9f0', 'D09F00'],
    ['T0', 'D09F00'],
    ['TL', 'D09F09'],
    ['TG', 'D09F15'],
    ['T7', 'D09F06'], // legacy 7 is errors
    ['T6', 'D09F07'], // legacy 6 is protected size
    ['TB', 'D09F08'],
    ['F0', 'D01F00'],
    ['GM', 'D19F20'],
    ['G@', 'D19F21'],
    ['AN', 'I1'],
    ['MN', 'I18'],
    ['OT', 'I32'],
    ['AT', 'I59'],
    ['AP', 'I78'],
    ['TS', 'I6'],
    ['I78', 'I78'],
    ['AA843', null],
    ['ER', null],
    ['nonsense', null],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalColumn(raw)).toBe(expected);
  });
});

describe('parseActiveDataSources (I78)', () => {
  it.each<[string | null, string[]]>([
    ['D01D02', ['D01', 'D02']],
    ['D1,D2', ['D01', 'D02']],
    ['D1D2', ['D01', 'D02']],
    ['D19D20D05', ['D19', 'D20', 'D05']],
    ['D01D02D01', ['D01', 'D02']],
    ['D01 D10; D14', ['D01', 'D10', 'D14']],
    ['', []],
    [null, []],
  ])('%j → %j', (raw, expected) => {
    expect(parseActiveDataSources(raw)).toEqual(expected);
  });
});

describe('readTimestamp', () => {
  it.each<[string | undefined, number | null]>([
    ['1717200000', 1717200000],
    ['1717200000123', 1717200000], // milliseconds
    ['0', null],
    ['-5', null],
    ['', null],
    ['yesterday', null],
    [undefined, null],
  ])('%j → %j', (raw, expected) => {
    expect(readTimestamp(raw)).toBe(expected);
  });
});

describe('flattenSettings', () => {
  it('reads the array of single-key objects, any spelling, numbers and arrays', () => {
    const values = flattenSettings([{ D9F00: '5' }, { T7: 3 }, { I1: ['SRV01', 'ignored'] }, { AA843: 'note' }, { I18: null }]);
    expect(Object.fromEntries(values)).toEqual({ D09F00: '5', D09F06: '3', I1: 'SRV01' });
  });

  it('tolerates null and junk', () => {
    expect(flattenSettings(null).size).toBe(0);
    expect(flattenSettings('garbage').size).toBe(0);
    expect(flattenSettings([1, 'x', null, [{ I1: 'a' }]]).size).toBe(0);
  });
});

describe('readStatisticsRow', () => {
  it('reads a server with two data sources', () => {
    const read = readStatisticsRow({
      AccountId: 1001,
      Flags: ['AutoDeployed'],
      PartnerId: 2001,
      Settings: [
        { D01F00: '5' }, { D01F06: '0' }, { D01F09: '1717200000' }, { D01F15: '1717200000' },
        { D02F00: '2' }, { D02F06: '4' }, { D02F15: '1717200100' },
        { D09F00: '2' }, { D09F06: '4' }, { D09F08: '5555555555555555555555555552' }, { D09F09: '1717200000' }, { D09F15: '1717200100' },
        { I1: 'acme-srv01_x7k2p' }, { I18: 'ACME-SRV01' }, { I32: '2' }, { I59: '1' }, { I78: 'D01D02' }, { I8: 'Acme Ltd (it@acme.example)' },
      ],
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const device = read.device;
    expect(device).toMatchObject({ accountId: 1001, partnerId: 2001, name: 'acme-srv01_x7k2p', computerName: 'ACME-SRV01', kind: 'server', partnerName: 'Acme Ltd (it@acme.example)' });
    expect(device.total).toMatchObject({ code: 'D09', coveStatus: 2, errors: 4, lastSuccessAt: 1717200000, lastSessionAt: 1717200100 });
    expect(device.dataSources.map((d) => [d.code, d.coveStatus, d.lastSuccessAt])).toEqual([
      ['D01', 5, 1717200000],
      ['D02', 2, null],
    ]);
  });

  it('a never-run device has no facts, not 1970 dates', () => {
    const read = readStatisticsRow({ AccountId: 7, PartnerId: 3, Flags: null, Settings: [{ D09F09: '0' }, { D09F15: '0' }, { I1: 'new-laptop' }, { I32: '1' }, { I59: '1' }, { I78: 'D01' }] });
    expect(read.ok && read.device.total).toMatchObject({ coveStatus: null, lastSuccessAt: null, lastSessionAt: null });
    expect(read.ok && read.device.dataSources).toEqual([expect.objectContaining({ code: 'D01', coveStatus: null, lastSessionAt: null })]);
  });

  it('Settings null: the device still exists, named by its id', () => {
    const read = readStatisticsRow({ AccountId: 987654, Flags: ['AutoDeployed'], PartnerId: 123456, Settings: null });
    expect(read.ok && read.device).toMatchObject({ accountId: 987654, name: 'Device 987654', kind: 'unknown', dataSources: [] });
  });

  it('M365 tenant with numbers where strings are expected and an unknown status', () => {
    const read = readStatisticsRow({ AccountId: '55', PartnerId: 9, Settings: [{ I59: 2 }, { I32: 0 }, { I78: 'D19D20D05D23' }, { D19F00: 5 }, { D20F00: '42' }, { D09F00: 42 }, { D09F09: 1717200000000 }] });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.device.kind).toBe('m365');
    expect(read.device.total).toMatchObject({ coveStatus: 42, lastSuccessAt: 1717200000 });
    expect(read.device.dataSources.map((d) => d.code)).toEqual(['D19', 'D20', 'D05', 'D23']);
    expect(read.device.dataSources[1].coveStatus).toBe(42);
  });

  it('without I78 lists only the data sources Cove reported facts for', () => {
    const read = readStatisticsRow({ AccountId: 1, PartnerId: 2, Settings: [{ F0: '5' }, { FG: '1717200000' }, { T0: '5' }] });
    expect(read.ok && read.device.dataSources.map((d) => d.code)).toEqual(['D01']);
  });

  it('takes the account id from I0 when the row lacks AccountId', () => {
    const read = readStatisticsRow({ PartnerId: 3, Settings: [{ I0: '4242' }, { I1: 'srv' }] });
    expect(read.ok && read.device.accountId).toBe(4242);
  });

  it.each([null, 'x', 42, {}, { PartnerId: 3 }, { AccountId: 'abc', PartnerId: 3 }, { AccountId: 3 }])('rejects unreadable row %j', (row) => {
    expect(readStatisticsRow(row).ok).toBe(false);
  });
});

describe('statisticsColumns', () => {
  it('asks for identity, kind, I78 and per-source facts including the Total', () => {
    const columns = statisticsColumns();
    for (const code of ['I0', 'I1', 'I18', 'I32', 'I59', 'I78', 'D09F00', 'D09F06', 'D09F08', 'D09F09', 'D09F15', 'D01F00', 'D19F15']) {
      expect(columns).toContain(code);
    }
    expect(new Set(columns).size).toBe(columns.length);
    expect(statisticsColumns({ withoutDataSources: ['D02', 'D03'] }).some((c) => c.startsWith('D02') || c.startsWith('D03'))).toBe(false);
  });
});
