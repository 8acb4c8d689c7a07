import {
  backordersAllowed,
  requestedShortagePolicy,
  SHORTAGE_POLICIES,
  type ShortagePolicy,
  shortagePolicyFromBackorders,
  shortagesStand,
} from './shortage.policy';

describe('shortage policy', () => {
  it('maps the older allowBackorders both ways: true is backorder, false is review', () => {
    expect(shortagePolicyFromBackorders(true)).toBe('backorder');
    expect(shortagePolicyFromBackorders(false)).toBe('review');
    expect(SHORTAGE_POLICIES.map((policy) => [policy, backordersAllowed(policy)])).toEqual([
      ['backorder', true],
      ['cancel', false],
      ['review', false],
    ]);
  });

  it.each<[ShortagePolicy, boolean, boolean]>([
    ['cancel', false, true],
    ['cancel', true, true],
    ['review', false, false],
    ['review', true, true],
    ['backorder', false, false],
    ['backorder', true, true],
  ])('%s, review accepted %s: shortages stand %s', (policy, reviewAccepted, stands) => {
    expect(shortagesStand(policy, reviewAccepted)).toBe(stands);
  });

  describe('requestedShortagePolicy', () => {
    it('leaves the policy alone when neither field is sent', () => {
      for (const current of SHORTAGE_POLICIES) {
        expect(requestedShortagePolicy({}, current)).toEqual({ kind: 'unchanged' });
      }
    });

    it('sets shortagePolicy as sent, whatever the current one', () => {
      for (const current of SHORTAGE_POLICIES) {
        for (const policy of SHORTAGE_POLICIES) {
          expect(requestedShortagePolicy({ shortagePolicy: policy }, current)).toEqual({
            kind: 'set',
            policy,
          });
        }
      }
    });

    it.each<[ShortagePolicy, boolean, 'set' | 'conflict']>([
      ['backorder', true, 'set'],
      ['backorder', false, 'conflict'],
      ['cancel', true, 'conflict'],
      ['cancel', false, 'set'],
      ['review', true, 'conflict'],
      ['review', false, 'set'],
    ])('shortagePolicy %s with allowBackorders %s: %s', (policy, allowBackorders, kind) => {
      const request = requestedShortagePolicy(
        { shortagePolicy: policy, allowBackorders },
        'review',
      );
      expect(request.kind).toBe(kind);
      if (request.kind === 'set') expect(request.policy).toBe(policy);
    });

    it.each<[ShortagePolicy, boolean, ShortagePolicy | 'unchanged']>([
      ['backorder', true, 'unchanged'],
      ['backorder', false, 'review'],
      ['cancel', true, 'backorder'],
      // A client that read false from a cancel customer and sends it back keeps cancel.
      ['cancel', false, 'unchanged'],
      ['review', true, 'backorder'],
      ['review', false, 'unchanged'],
    ])('current %s, allowBackorders %s alone: %s', (current, allowBackorders, expected) => {
      expect(requestedShortagePolicy({ allowBackorders }, current)).toEqual(
        expected === 'unchanged' ? { kind: 'unchanged' } : { kind: 'set', policy: expected },
      );
    });
  });
});
