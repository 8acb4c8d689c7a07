import { WarningThrottle } from './warning-throttle';

describe('WarningThrottle', () => {
  it('logs once per interval and says how many it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const throttle = new WarningThrottle(
      { warn: (line: string) => lines.push(line) },
      10_000,
      () => now,
    );
    throttle.warn('Redis down', new Error('ECONNREFUSED'));
    now = 5_000;
    throttle.warn('Redis down', new Error('ECONNREFUSED'));
    throttle.warn('Redis down');
    now = 10_000;
    throttle.warn('Redis down', 'timeout');
    expect(lines).toEqual([
      'Redis down: ECONNREFUSED',
      'Redis down: timeout (2 more since the last warning)',
    ]);
  });
});
