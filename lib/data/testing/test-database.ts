import { afterAll, beforeAll } from 'vitest';
import type { Driver } from '@/db/client';
import { openTestDatabase, type TestDatabase } from '@/db/testing';
import type { DataContext } from '../context';
import { contexts } from './fixtures';

export interface DataTestSetup {
  t: TestDatabase;
  /** An admin's and a viewer's context on `t`. */
  admin: DataContext;
  viewer: DataContext;
}

/**
 * The setup of a data-layer test suite, for use directly inside a `describe` (per driver): a test
 * database of its own, opened before the suite's tests and dropped after them, with an admin and a
 * viewer. The objects returned are filled in by `beforeAll`, so destructure them at once
 * (`const { t, admin, viewer } = useDataTestDatabase(driver)`) and read them only inside hooks and tests.
 */
export function useDataTestDatabase(driver: Driver): DataTestSetup {
  const setup = { t: {}, admin: {}, viewer: {} } as DataTestSetup;
  beforeAll(async () => {
    Object.assign(setup.t, await openTestDatabase(driver));
    const { admin, viewer } = await contexts(setup.t.db);
    Object.assign(setup.admin, admin);
    Object.assign(setup.viewer, viewer);
  });
  afterAll(async () => {
    await setup.t.close?.();
  });
  return setup;
}
