import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { BeaconApi, DataEntity, Events } from '../../contract';
import { invalidateOnDataChanged, isAffected } from '../../renderer/src/query/invalidation';

/** Just enough of window.beacon to push events by hand. */
function fakeApi() {
  const listeners: ((p: Events['dataChanged']) => void)[] = [];
  const api = {
    on: (_event: 'dataChanged', listener: (p: Events['dataChanged']) => void) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  } as unknown as BeaconApi;
  return { api, push: (entities: DataEntity[]) => listeners.forEach((l) => l({ entities })) };
}

describe('invalidation from dataChanged', () => {
  it('knows which requests read which tables, and refreshes the unknown ones always', () => {
    expect(isAffected('getSchool', ['schools'])).toBe(true);
    expect(isAffected('getSchool', ['attendance'])).toBe(false);
    expect(isAffected('riskList', ['attendance'])).toBe(true);
    expect(isAffected(undefined, ['attendance'])).toBe(true);
    // A restored backup changes everything.
    expect(isAffected('getSchool', ['*'])).toBe(true);
  });

  it('marks stale only the cached answers a change can touch', () => {
    const client = new QueryClient();
    const { api, push } = fakeApi();
    client.setQueryData(['getSchool', {}], { name: 'Hillside' });
    client.setQueryData(['listUsers', {}], []);
    client.setQueryData(['riskList', { limit: 50 }], { total: 0 });
    const stop = invalidateOnDataChanged(client, api);

    push(['users']);
    const stale = (key: unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(['getSchool', {}])).toBe(false);
    expect(stale(['listUsers', {}])).toBe(true);
    expect(stale(['riskList', { limit: 50 }])).toBe(true);

    stop();
    client.setQueryData(['getSchool', {}], { name: 'Hillside' });
    push(['schools']);
    expect(stale(['getSchool', {}])).toBe(false);
  });
});
