/**
 * The one selection walker (schema/selection.ts) and the three readers built on it: each named fragment
 * is expanded once per selection set however often it is spread, so a "fragment bomb" (each fragment
 * spreading the previous one twice) costs work proportional to the document, not 2^levels.
 */
import { type FieldNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateUpstreamCalls } from '../../src/schema/cost/estimate.js';
import { subgraphSchema } from '../../src/schema/index.js';
import { forEachField, fragmentsOf, someField } from '../../src/schema/selection.js';
import { selectsFollowCount } from '../../src/schema/user/existence.js';

/** `{ user(id: "alice") { ...F<levels> } }` where F0 selects `fields` and Fk spreads F(k-1) twice. */
function bomb(levels: number, fields = 'id followers { totalCount }') {
  const fragments = [`fragment F0 on User { ${fields} }`];
  for (let k = 1; k <= levels; k++) fragments.push(`fragment F${k} on User { ...F${k - 1} ...F${k - 1} }`);
  return parse(`query Bomb { user(id: "alice") { ...F${levels} } } ${fragments.join(' ')}`);
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

it('fragmentsOf collects fragment definitions only', () => {
  const document = parse('query Q { __typename } fragment A on User { id }');
  expect(Object.keys(fragmentsOf(document.definitions))).toEqual(['A']);
  expect(fragmentsOf(document.definitions).A?.kind).toBe(Kind.FRAGMENT_DEFINITION);
});
