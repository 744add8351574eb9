// Query strings as people read them (query.ts): the accounts list's URL is the API's query
// string with commas left readable; both spellings must parse to the same filters.
import { describe, expect, it } from 'vitest';
import { withQuery } from '../api/client';
import { toQuery } from './query';

const entries = (p: URLSearchParams) => [...p.entries()];

describe('toQuery', () => {
  it('is empty for no parameters', () => {
    expect(toQuery(new URLSearchParams())).toBe('');
  });

  it('keeps commas in lists readable', () => {
    const p = new URLSearchParams();
    p.set('color', 'red,yellow');
    p.set('segment', 'smb,mid market');
    expect(p.toString()).toBe('color=red%2Cyellow&segment=smb%2Cmid+market');
    expect(toQuery(p)).toBe('color=red,yellow&segment=smb,mid+market');
  });

  it('keeps the order parameters were written in', () => {
    const p = new URLSearchParams();
    p.set('q', 'acme');
    p.set('color', 'red');
    p.set('sort', 'arr');
    p.set('order', 'desc');
    expect(toQuery(p)).toBe('q=acme&color=red&sort=arr&order=desc');
  });

  it('reads the same filters from both spellings of a list', () => {
    const readable = new URLSearchParams('color=red,yellow&segment=smb');
    const encoded = new URLSearchParams('color=red%2Cyellow&segment=smb');
    const lower = new URLSearchParams('color=red%2cyellow&segment=smb');
    expect(entries(readable)).toEqual([
      ['color', 'red,yellow'],
      ['segment', 'smb'],
    ]);
    expect(entries(encoded)).toEqual(entries(readable));
    expect(entries(lower)).toEqual(entries(readable));
    expect(toQuery(encoded)).toBe('color=red,yellow&segment=smb');
    expect(toQuery(lower)).toBe('color=red,yellow&segment=smb');
  });

  it('round-trips any value: parse(serialise(p)) == p', () => {
    const values = [
      'red,yellow,green,none',
      'Acme, Inc.',
      'a b',
      'a+b',
      'a&b=c',
      '100%',
      '%2C', // a search for the text "%2C" is not a comma
      '%2c',
      ',',
      ',,x,',
      'Müller & Söhne',
      '東京',
      '🚀',
      'jane@example.com',
      '?#/',
    ];
    for (const v of values) {
      const p = new URLSearchParams();
      p.set('q', v);
      p.set('csm', `${v},other`);
      p.set('renewal_within_days', '90');
      const back = new URLSearchParams(toQuery(p));
      expect(entries(back), v).toEqual(entries(p));
      // serialising again gives the same string (a stable URL)
      expect(toQuery(back), v).toBe(toQuery(p));
    }
  });

  it('gives the API the filters the URL shows', () => {
    // The list page passes its query string to /api/accounts, adding a page size.
    const shown = 'color=red,yellow&segment=smb&renewal_within_days=90&sort=arr&order=desc';
    const params = new URLSearchParams(shown);
    params.set('limit', '100');
    const url = withQuery('/api/accounts', params);
    const sent = new URL(url, 'http://tend.test');
    expect(sent.pathname).toBe('/api/accounts');
    expect(sent.searchParams.get('color')).toBe('red,yellow');
    expect(sent.searchParams.get('segment')).toBe('smb');
    expect(sent.searchParams.get('renewal_within_days')).toBe('90');
    expect(sent.searchParams.get('limit')).toBe('100');
    sent.searchParams.delete('limit');
    expect(toQuery(sent.searchParams)).toBe(shown);
  });
});
