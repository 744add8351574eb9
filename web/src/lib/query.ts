// Query strings as people read them: commas in lists stay commas (/accounts?color=red,yellow),
// which URLSearchParams would write as %2C. Both forms parse the same.
export function toQuery(p: URLSearchParams): string {
  return p.toString().replace(/%2C/gi, ',');
}
