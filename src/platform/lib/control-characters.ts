// Control characters in what people send. PostgreSQL refuses a NUL byte in text (a 500 if one
// got that far), and no other C0 control character means anything in a form field, so every
// text value a request carries (query, path parameters, body) loses them once, on the way in
// (platform/http/input.ts). Tab, newline and carriage return stay: people type them.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without C0 control characters (and DEL), except tab, newline and carriage return. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/**
 * Every string in the value without control characters: a string is returned cleaned; plain
 * objects and arrays are cleaned in place, however deep (their identity is kept, so a body
 * another module knows by reference stays known). Anything else (numbers, Buffers) is left alone.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return withoutControlCharacters(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanStrings(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    // Plain records only: {}, Object.create(null), and the prototype-less records parsers make
    // (a query string's); never a Buffer, a Date or a class instance.
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null && Object.getPrototypeOf(prototype) !== null) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = cleanStrings(record[key]);
  }
  return value;
}
