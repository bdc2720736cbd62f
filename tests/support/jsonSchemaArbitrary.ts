/**
 * fast-check arbitraries from the JSON schemas of the OpenAPI document: values that fit a schema
 * (mostly), and values that don't (wrong types, out of range, missing or extra fields, hostile
 * strings), so a fuzz test explores both sides of every rule.
 */
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}

/** Strings an attacker would send: control characters, huge, unicode, markup, SQL. */
const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "' or 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "%E0%A4%A",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓",
    "\uD800",
    "0x32",
    "1e1",
    "-0",
    "NaN",
    "null",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 20_001, maxLength: 20_050 }),
);

const hostileNumber = fc.constantFrom(
  0,
  -1,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  -(2 ** 53),
  1e300,
  Number.MAX_SAFE_INTEGER,
);

const anything: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

const types = (s: JsonSchema): string[] =>
  s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];

/** A value that fits the schema (as far as this generator understands it). */
export function fitting(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fitting(a, depth + 1)));
  const [first, ...rest] = types(s);
  if (rest.length > 0)
    return fc.oneof(...[first!, ...rest].map((t) => fitting({ ...s, type: t }, depth + 1)));
  switch (first) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      const min =
        typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : (s.minimum ?? -1000);
      const max =
        typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
      // Small numbers mostly: they are the ones that reach real rows.
      const low = Math.max(min, -1000);
      const high = Math.min(max, Math.max(low, 200));
      return first === "integer"
        ? fc.oneof(fc.integer({ min: low, max: high }), fc.constantFrom(min, max))
        : fc.oneof(fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true }));
    }
    case "string": {
      if (s.format === "date-time")
        return fc
          .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.format === "uri") return fc.constantFrom("https://example.test/a", "http://x.test/b");
      return fc.string({
        minLength: Math.max(s.minLength ?? 0, 1),
        maxLength: Math.min(s.maxLength ?? 60, 60),
      });
    }
    case "array":
      return depth > 3
        ? fc.constant([])
        : fc.array(fitting(s.items ?? {}, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) });
    case "object": {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) shape[k] = fitting(v, depth + 1);
      return fc.record(shape, {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
    }
    default:
      return anything;
  }
}

/** A value that fits, or one that breaks the schema in one of many ways. */
export function input(s: JsonSchema): fc.Arbitrary<unknown> {
  const breaking: fc.Arbitrary<unknown>[] = [anything];
  if (types(s).includes("object") && s.properties) {
    const keys = Object.keys(s.properties);
    breaking.push(
      // one field replaced by something hostile
      fc
        .tuple(fitting(s), fc.constantFrom(...keys), anything)
        .map(([base, k, v]) => ({ ...(base as object), [k]: v })),
      // a required field missing
      fitting(s).map((base) => {
        const missing = s.required?.[0];
        return Object.fromEntries(
          Object.entries(base as Record<string, unknown>).filter(([k]) => k !== missing),
        );
      }),
      // an extra field
      fitting(s).map((base) => ({ ...(base as object), unexpected: "field" })),
    );
  }
  return fc.oneof({ weight: 3, arbitrary: fitting(s) }, ...breaking);
}
