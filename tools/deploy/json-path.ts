/** `/spec/ports/0/port` (a JSON pointer, as ajv reports) → `spec.ports[0].port`; empty → `(root)`. */
export function pointerToPath(pointer: string): string {
  const path = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  return path.replace(/^\./, '') || '(root)';
}
