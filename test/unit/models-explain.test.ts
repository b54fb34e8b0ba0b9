import { describe, expect, it } from 'vitest';
import type { Factor } from '../../models/explain';
import { formatFactor } from '../../models/format-factor';

const factor = (over: Partial<Factor>): Factor => ({
  feature: 'attendance_rate_30d',
  value: 0.71,
  reference: 0.94,
  direction: 'raises',
  weight: 1.2,
  ...over,
});

describe('formatFactor', () => {
  it('puts a factor in plain words with its reference', () => {
    const meta = {
      label: 'attendance in the last 30 school days',
      template: 'attended {value} of the last 30 school days',
      format: 'percent' as const,
      referenceLabel: 'school median',
    };
    expect(formatFactor(factor({}), meta)).toBe(
      'attended 71% of the last 30 school days (school median 94%)',
    );
  });

  it('formats counts, units, categories and missing values', () => {
    expect(
      formatFactor(factor({ feature: 'failed_subjects', value: 2, reference: 0 }), {
        label: 'failed subjects',
        format: 'integer',
      }),
    ).toBe('failed subjects: 2 (typical 0)');
    expect(
      formatFactor(factor({ value: 12.5, reference: 3 }), {
        label: 'longest absence',
        unit: ' days',
        referenceLabel: 'school median',
      }),
    ).toBe('longest absence: 12.5 days (school median 3 days)');
    const failing = {
      label: 'failed subjects',
      template: 'failing {value} in the latest term',
      format: 'integer' as const,
      unit: ' subjects',
      unitOne: ' subject',
      referenceLabel: 'school median',
    };
    expect(formatFactor(factor({ value: 1, reference: 0 }), failing)).toBe(
      'failing 1 subject in the latest term (school median 0 subjects)',
    );
    const moves = {
      label: 'school moves',
      template: '{value} school moves',
      templateOne: '{value} school move',
      format: 'integer' as const,
    };
    expect(formatFactor(factor({ value: 1, reference: null }), moves)).toBe('1 school move');
    expect(formatFactor(factor({ value: 2, reference: null }), moves)).toBe('2 school moves');
    expect(formatFactor(factor({ feature: 'Mjob', value: 'at_home', reference: 'other' }))).toBe(
      'Mjob: at_home (typical other)',
    );
    expect(formatFactor(factor({ value: null, reference: null }), { label: 'average mark' })).toBe(
      'average mark: not recorded',
    );
  });
});
