/**
 * The one selection walker (schema/selection.ts) and the three readers built on it: each named fragment
 * is expanded once per selection set however often it is spread, so a "fragment bomb" (each fragment
 * spreading the previous one twice) costs work proportional to the document, not 2^levels.
 */
import {
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateUpstreamCalls } from '../../src/schema/cost/estimate.js';
import { subgraphSchema } from '../../src/schema/index.js';
import { expandedFieldCount, forEachField, fragmentsOf, someField } from '../../src/schema/selection.js';
import { selectsFollowCount } from '../../src/schema/user/existence.js';
import { useIncrementalDelivery } from '../../src/server/plugins/useIncrementalDelivery.js';
import { useQueryLimits } from '../../src/server/plugins/useQueryLimits.js';

/** `{ user(id: "alice") { ...F<levels> } }` where F0 selects `fields` and Fk spreads F(k-1) twice. */
function bomb(levels: number, fields = 'id followers { totalCount }') {
  const fragments = [`fragment F0 on User { ${fields} }`];
  for (let k = 1; k <= levels; k++) fragments.push(`fragment F${k} on User { ...F${k - 1} ...F${k - 1} }`);
  return parse(`query Bomb { user(id: "alice") { ...F${levels} } } ${fragments.join(' ')}`);
}

/**
 * The bomb that defeats per-selection-set memory: each level's fragment selects two fields (aliases of
 * one connection) that both spread the previous level's, so the expansion doubles with every level.
 */
function nestedBomb(levels: number) {
  const fragments = ['fragment N0 on User { id }'];
  for (let k = 1; k <= levels; k++) {
    fragments.push(
      `fragment N${k} on User { a${k}: followers { nodes { ...N${k - 1} } } b${k}: following { nodes { ...N${k - 1} } } }`,
    );
  }
  return parse(`query Nested { user(id: "alice") { ...N${levels} } } ${fragments.join(' ')}`);
}

function userSelection(document: ReturnType<typeof parse>) {
  const operation = document.definitions[0] as OperationDefinitionNode;
  const user = operation.selectionSet.selections[0] as FieldNode;
  if (!user.selectionSet) throw new Error('no selection');
  return user.selectionSet;
}

describe('forEachField', () => {
  it('visits the fields of a 40-level fragment bomb once each', () => {
    const document = bomb(40);
    const visited: string[] = [];
    forEachField(userSelection(document), fragmentsOf(document.definitions), (field) =>
      visited.push(field.name.value),
    );
    expect(visited).toEqual(['id', 'followers']);
  });

  it('reports the innermost type condition of inline fragments and named fragments', () => {
    const document = parse(`{ _entities(representations: []) { __typename ... on User { id ...O } } }
      fragment O on OfficialAccount { name }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const entities = operation.selectionSet.selections[0] as FieldNode;
    const seen: [string, string | undefined][] = [];
    forEachField(entities.selectionSet!, fragmentsOf(document.definitions), (field, condition) =>
      seen.push([field.name.value, condition]),
    );
    expect(seen).toEqual([
      ['__typename', undefined],
      ['id', 'User'],
      ['name', 'OfficialAccount'],
    ]);
  });

  it('ignores spreads of unknown fragments, including names on Object.prototype', () => {
    const document = parse('{ user(id: "a") { ...constructor ...toString ...Missing id } }');
    const visited: string[] = [];
    forEachField(userSelection(document), fragmentsOf(document.definitions), (field) =>
      visited.push(field.name.value),
    );
    expect(visited).toEqual(['id']);
  });
});

describe('readers of a document', () => {
  it('someField stops at the first match and honours type conditions', () => {
    const document = parse('{ user(id: "a") { ... on OfficialAccount { name } ... on User { id } } }');
    const fragments = fragmentsOf(document.definitions);
    const selection = userSelection(document);
    expect(someField(selection, fragments, 'User', (f) => f.name.value === 'name')).toBe(false);
    expect(someField(selection, fragments, 'User', (f) => f.name.value === 'id')).toBe(true);
  });

  it('the existence probe sees a follow count behind a 40-level bomb', () => {
    const document = bomb(40);
    expect(selectsFollowCount(userSelection(document), fragmentsOf(document.definitions))).toBe(true);
    const noCount = bomb(40, 'id profile { nickname }');
    expect(selectsFollowCount(userSelection(noCount), fragmentsOf(noCount.definitions))).toBe(false);
  });

  it('the upstream-cost estimate of a 40-level bomb is the estimate of its one expansion', () => {
    const schema = subgraphSchema();
    expect(estimateUpstreamCalls(schema, bomb(40), 'Bomb')).toEqual(
      estimateUpstreamCalls(
        schema,
        parse('query Bomb { user(id: "alice") { id followers { totalCount } } }'),
        'Bomb',
      ),
    );
    expect(estimateUpstreamCalls(schema, bomb(40), 'Bomb')).toEqual({ 'follow/follow_get_info': 1 });
  });
});

describe('expandedFieldCount', () => {
  it('counts fields as a walk into every field would visit them, fragments included', () => {
    expect(expandedFieldCount(parse('{ user(id: "a") { id profile { nickname } } }'))).toBe(4);
    expect(
      expandedFieldCount(
        parse('{ user(id: "a") { ...P ...P ... on User { ...P } } } fragment P on User { id }'),
      ),
    ).toBe(4);
    // Two levels of the nested bomb: user, a2, nodes, a1, nodes, id ... = 1 + 2 * (2 + 2 * (2 + 1)).
    expect(expandedFieldCount(nestedBomb(2))).toBe(1 + 2 * (2 + 2 * (2 + 1)));
  });

  it('counts a 40-level bomb of either kind at once, and stops growing past the cap', () => {
    const started = performance.now();
    expect(expandedFieldCount(bomb(40))).toBeGreaterThan(2 ** 40);
    expect(expandedFieldCount(nestedBomb(40))).toBeGreaterThan(2 ** 40);
    expect(expandedFieldCount(nestedBomb(40), 2000)).toBe(2001);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('terminates on fragment cycles and ignores unknown fragments (validation reports both)', () => {
    const cyclic = parse(
      '{ user(id: "a") { ...A } } fragment A on User { id ...B } fragment B on User { ...A }',
    );
    expect(expandedFieldCount(cyclic)).toBe(2);
    expect(expandedFieldCount(parse('{ user(id: "a") { ...Missing ...constructor } }'))).toBe(1);
  });

  it('sums the operations of a document', () => {
    expect(expandedFieldCount(parse('query A { viewer { id } } query B { viewer { id } }'))).toBe(4);
  });
});

/**
 * The validation rules the server runs: graphql-js's, with the defer-stream plugin's own
 * OverlappingFieldsCanBeMerged in place of graphql-js's, and GraphQL Armor's (depth, aliases,
 * directives, suggestions).
 */
function serverRules(): ValidationRule[] {
  const params = { rules: [...specifiedRules] };
  const plugins = [
    ...useIncrementalDelivery((error) => error as Error),
    ...useQueryLimits({
      limits: {
        maxDepth: 12,
        maxAliases: 30,
        maxTokens: 2000,
        maxDirectives: 50,
        maxExpandedFields: 2000,
        maxUpstreamCalls: 200,
        requestBodyLimit: 100_000,
      },
      blockFieldSuggestions: true,
    }),
  ];
  for (const plugin of plugins) {
    (plugin.onValidate as ((p: unknown) => void) | undefined)?.({
      params,
      addValidationRule: (rule: ValidationRule) => params.rules.push(rule),
    });
  }
  return params.rules;
}

describe('what would run on a bomb without the expansion limit', () => {
  // The limit is checked right after parsing. These prove that validation (graphql-js's rules, the
  // defer-stream plugin's field-merging rule, and GraphQL Armor's, whose depth count flattens
  // fragments) would not stall on a bomb either.
  it.each([
    ['same-level', bomb(40), 0],
    ['nested', nestedBomb(40), 2],
  ])('graphql-js and GraphQL Armor validate a 40-level %s bomb at once', (_kind, document, refusals) => {
    const rules = serverRules();
    expect(rules.length).toBeGreaterThan(specifiedRules.length);
    const started = performance.now();
    const errors = validate(subgraphSchema(), document, rules);
    expect(performance.now() - started).toBeLessThan(1000);
    // The nested bomb is refused for its depth and its aliases (Armor counts them through fragments).
    expect(errors.map((e) => e.extensions.limit)).toHaveLength(refusals);
  });
});

it('fragmentsOf collects fragment definitions only', () => {
  const document = parse('query Q { __typename } fragment A on User { id }');
  expect(Object.keys(fragmentsOf(document.definitions))).toEqual(['A']);
  expect(fragmentsOf(document.definitions).A?.kind).toBe(Kind.FRAGMENT_DEFINITION);
});
