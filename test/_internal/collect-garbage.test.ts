import { expect, test } from 'vitest';
import { collectGarbage } from '../../src/_internal/collect-garbage.js';

test('collectGarbage collects an object nothing reaches any more, and can be called again', async () => {
  const make = (): WeakRef<object> => new WeakRef({ payload: new Array(1000).fill(1) });
  const ref = make();
  await new Promise((resolve) => setImmediate(resolve)); // a WeakRef's target lives to the end of the job that made it
  collectGarbage();
  collectGarbage();
  expect(ref.deref()).toBeUndefined();
});
