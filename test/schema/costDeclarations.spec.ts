/**
 * Every field that runs a resolver declares its upstream cost next to it (schema/cost/upstreamCost.ts),
 * so the estimate (schema/cost/estimate.ts) cannot silently treat a field that calls upstream as free.
 */
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_SETTINGS } from '../../src/schema/context.js';
import { declaredCost } from '../../src/schema/cost/upstreamCost.js';
import { subgraphSchema } from '../../src/schema/index.js';

const schema = subgraphSchema();

/** Fields that only read a property of their parent (Pothos `t.expose*`) have no resolver of ours. */
function isExposed(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return typeof extensions?.pothosExposedField === 'string';
}

function fields() {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })));
}

describe('upstream cost declarations', () => {
  it('every resolver-backed field declares one', () => {
    const undeclared = fields()
      .filter(({ field }) => !isExposed(field.extensions) && declaredCost(field.extensions) === undefined)
      .map(({ type, field }) => `${type.name}.${field.name}`);
    expect(undeclared).toEqual([]);
  });

  it('fields that read through a loader or write upstream declare the command', () => {
    const loads = (name: string) => {
      const found = fields().find(({ type, field }) => `${type.name}.${field.name}` === name);
      if (!found) throw new Error(`no field ${name}`);
      const load = declaredCost(found.field.extensions)?.load ?? [];
      const context = { settings: DEFAULT_COST_SETTINGS, facts: {}, args: {}, connectionArgs: undefined };
      return [typeof load === 'function' ? load(context) : load].flat().map((l) => l.command);
    };
    expect(loads('UserConnection.totalCount')).toEqual(['follow/follow_get_info']);
    expect(loads('UserConnection.edges')).toEqual(['follow/follow_get']);
    expect(loads('User.profile')).toEqual(['profile/portrait_get']);
    expect(loads('User.viewerIsFollowing')).toEqual(['follow/follow_check']);
    expect(loads('UserProfile.nickname')).toEqual(['profile/portrait_get']);
    expect(loads('OfficialAccount.name')).toEqual([
      'official_account_open_http_svc/get_official_account_info',
    ]);
    expect(loads('Mutation.followUsers')).toEqual(['follow/follow_add']);
    expect(loads('Mutation.subscribeToOfficialAccount')).toContain(
      'official_account_open_http_svc/add_subscriber',
    );
  });
});
