// Where the dashboard's charts lead (links.ts): list URLs built from filters.
import { describe, expect, it } from 'vitest';
import { accountsUrl, ctasUrl } from './links';

describe('chart links', () => {
  it('links to the accounts list with readable filters', () => {
    expect(accountsUrl({ color: 'red,yellow', segment: 'smb' })).toBe('/accounts?color=red,yellow&segment=smb');
    expect(accountsUrl({ segment: 'mid market', csm: 'Jane Doe' })).toBe('/accounts?segment=mid+market&csm=Jane+Doe');
  });

  it('leaves out empty filters', () => {
    expect(accountsUrl({})).toBe('/accounts');
    expect(accountsUrl({ color: undefined, segment: '' })).toBe('/accounts');
    expect(accountsUrl({ color: 'red', segment: undefined })).toBe('/accounts?color=red');
  });

  it('opens the cockpit on the team scope unless told otherwise', () => {
    expect(ctasUrl({})).toBe('/cockpit?scope=team');
    expect(ctasUrl({ type: 'risk' })).toBe('/cockpit?scope=team&type=risk');
    expect(ctasUrl({ scope: 'mine' })).toBe('/cockpit?scope=mine');
  });

  it('round-trips through the URL', () => {
    const url = accountsUrl({ q: 'Acme, Inc.', color: 'red,none', renewal_within_days: '90' });
    const back = new URL(url, 'http://tend.test').searchParams;
    expect(Object.fromEntries(back)).toEqual({ q: 'Acme, Inc.', color: 'red,none', renewal_within_days: '90' });
  });
});
