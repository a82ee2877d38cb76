import fc from 'fast-check';
import schema from '../schema/annotations.schema.json';
import { parseAnnotations } from './annotations';
import { ANNOTATIONS, CAPABILITIES } from './vocabulary';

/**
 * The published JSON Schema (schema/annotations.schema.json, written by
 * `yarn annotations:schema`) must accept exactly what the parser accepts,
 * or an editor would flag valid annotations or pass broken ones.
 */
const annotationsSchema = schema.properties.metadata.properties.annotations;
const properties = annotationsSchema.properties as Record<
  string,
  { pattern: string; maxLength: number }
>;

function schemaAccepts(key: string, value: string): boolean {
  const rule = properties[key];
  return value.length <= rule.maxLength && new RegExp(rule.pattern).test(value);
}

const parserAccepts = (key: string, value: string) =>
  parseAnnotations({ [key]: value }).issues.length === 0;

const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map(flags =>
      [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''),
    );

/** Strings built from the pieces the parser distinguishes, near misses included. */
const pieces = fc.oneof(
  fc.constantFrom(...CAPABILITIES).chain(randomCase),
  fc.constantFrom(
    ',',
    ' ',
    '\t',
    '\u00a0',
    '-',
    '+',
    '.',
    '0',
    '1',
    '7',
    '00',
    'e5',
    'x',
    'mtl',
    'low',
    'medium',
    'HIGH',
    'internal',
    'edge',
    'true',
    'False',
    'yes',
  ),
);
const value = fc.array(pieces, { maxLength: 8 }).map(p => p.join(''));

describe('annotations JSON Schema', () => {
  it('has a rule for every annotation of the vocabulary', () => {
    expect(Object.keys(properties).sort()).toEqual(
      Object.values(ANNOTATIONS).sort(),
    );
  });

  it.each(Object.values(ANNOTATIONS))(
    'accepts exactly what the parser accepts for %s',
    key => {
      fc.assert(
        fc.property(value, v => {
          expect([v, schemaAccepts(key, v)]).toEqual([
            v,
            parserAccepts(key, v),
          ]);
        }),
        { numRuns: 3000 },
      );
    },
  );

  it('agrees on the bounds: value length and number of capabilities', () => {
    const key = ANNOTATIONS.requires;
    for (const v of [
      'mtls,'.repeat(63),
      'mtls,'.repeat(64),
      `mtls${' '.repeat(1020)}`,
      `mtls${' '.repeat(1021)}`,
    ])
      expect(schemaAccepts(key, v)).toBe(parserAccepts(key, v));
    expect(schemaAccepts(key, 'mtls,'.repeat(64))).toBe(false);
  });

  it('flags unknown mesh-advisor.io/* keys and leaves other annotations alone', () => {
    const names = new RegExp(annotationsSchema.propertyNames.pattern);
    expect(names.test('mesh-advisor.io/requires')).toBe(true);
    expect(names.test('backstage.io/kubernetes-id')).toBe(true);
    expect(names.test('mesh-advisor.io/require')).toBe(false);
    expect(
      parseAnnotations({ 'mesh-advisor.io/require': 'mtls' }).issues,
    ).toHaveLength(1);
  });
});
