import { describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';

describe('newId', () => {
  it('makes RFC 9562 version 7 UUIDs', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes the creation time in the first 48 bits', () => {
    const at = Date.UTC(2026, 10, 29, 12, 0, 0);
    const id = newId(at + 10_000_000);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(at + 10_000_000);
  });

  it('sorts in creation order, even many within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId(1_900_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
