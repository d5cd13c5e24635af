/** `scheme://`, where a URL's userinfo (`user:password@`) would follow. */
const SCHEME = /[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * A configuration value as a log line may show it: a URL's password replaced by `***`
 * (`redis://perch:***@cache:6379`), or its whole userinfo when no `:` separates a user name. The
 * userinfo is taken to end at the value's last `@`, as URL parsers read it, so a password holding
 * `@`, `/` or a space is masked whole even in a value too broken to parse (the boot error quotes
 * those). Values without `://…@` come back unchanged.
 */
export function maskUrlCredentials(value: string): string {
  const scheme = SCHEME.exec(value);
  if (!scheme) return value;
  const start = scheme.index + scheme[0].length;
  const at = value.lastIndexOf('@');
  if (at < start) return value;
  const colon = value.indexOf(':', start);
  const user = colon >= 0 && colon < at ? value.slice(start, colon + 1) : '';
  return `${value.slice(0, start)}${user}***${value.slice(at)}`;
}

/** `value` with maskUrlCredentials applied to every string in it, at any depth: the configuration echo. */
export function maskCredentials(value: unknown): unknown {
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (Array.isArray(value)) return value.map(maskCredentials);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskCredentials(v)]));
  }
  return value;
}
