import { timeOrderedId } from './time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID with the RFC 9562 variant', () => {
    for (let index = 0; index < 1000; index += 1) expect(timeOrderedId()).toMatch(UUID_V7);
  });

  it('starts with the creation time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 27, 6, 30, 0, 123);
    const id = timeOrderedId(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts by creation time across milliseconds', () => {
    const ids = [0, 1, 255, 256, 65_535, 65_536, 2 ** 40].map((offset) =>
      timeOrderedId(Date.UTC(2026, 0, 1) + offset),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(0)));
    expect(ids.size).toBe(10_000);
  });
});
