import { describe, expect, it } from 'vitest';
import { addMonths, labelAt, type StatusEvent } from '../../main/backend/training/labels';

const today = '2026-06-30';

describe('addMonths', () => {
  it('adds months and clamps to the month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-09-15', 12)).toBe('2026-09-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
});

describe('labelAt', () => {
  const at = (events: StatusEvent[], snapshot: string) => labelAt(events, snapshot, 12, today);

  it('labels a dropout within the horizon 1, and one after it 0', () => {
    expect(at([{ status: 'dropped_out', date: '2025-03-01' }], '2024-10-01')).toBe(1);
    expect(at([{ status: 'dropped_out', date: '2025-12-01' }], '2024-10-01')).toBe(0);
  });

  it('never counts a transfer as a dropout, nor as staying', () => {
    expect(at([{ status: 'transferred_out', date: '2025-03-01' }], '2024-10-01')).toBeNull();
  });

  it('leaves out students whose horizon reaches past today', () => {
    expect(at([], '2025-10-01')).toBeNull();
    // Even a known dropout: taking positives but not negatives from open windows biases the rate.
    expect(
      labelAt([{ status: 'dropped_out', date: '2026-08-01' }], '2025-10-01', 12, today),
    ).toBeNull();
  });

  it('counts graduating within the horizon as staying', () => {
    expect(at([{ status: 'graduated', date: '2025-06-30' }], '2024-10-01')).toBe(0);
  });

  it('leaves out students who had left by the snapshot, unless they came back', () => {
    const events: StatusEvent[] = [
      { status: 'transferred_out', date: '2024-05-01' },
      { status: 'returned', date: '2024-09-01' },
    ];
    expect(at(events.slice(0, 1), '2024-06-01')).toBeNull();
    expect(at(events, '2024-10-01')).toBe(0);
    expect(at([{ status: 'dropped_out', date: '2024-01-01' }], '2024-10-01')).toBeNull();
  });

  it('labels by the first exit within the horizon', () => {
    const events: StatusEvent[] = [
      { status: 'transferred_out', date: '2025-01-01' },
      { status: 'returned', date: '2025-02-01' },
      { status: 'dropped_out', date: '2025-05-01' },
    ];
    expect(at(events, '2024-10-01')).toBeNull();
  });
});
