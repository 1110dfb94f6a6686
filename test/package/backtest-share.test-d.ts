// Type-level contract of the backtest and sharing exports (imports only from src/index.ts).
import { describe, expectTypeOf, test } from 'vitest';
import {
  compareConfigs, matchPackages, shareAlerts,
  type ConfigComparison, type MatchResult, type ScanConfig, type SharedAlertPackage, type Transaction,
} from '../../src/index.js';

describe('backtest and sharing', () => {
  test('compareConfigs is synchronous and takes two scan configuration files', () => {
    expectTypeOf(compareConfigs).returns.toEqualTypeOf<ConfigComparison>();
    expectTypeOf(compareConfigs).parameter(0).toEqualTypeOf<readonly Transaction[]>();
    expectTypeOf(compareConfigs).parameter(1).toEqualTypeOf<ScanConfig | undefined>();
    expectTypeOf<ConfigComparison['onlyA'][number]['reasons']>().toEqualTypeOf<readonly string[]>();
  });

  test('shareAlerts is asynchronous (Web Crypto); matchPackages is pure', () => {
    expectTypeOf(shareAlerts).returns.toEqualTypeOf<Promise<SharedAlertPackage>>();
    expectTypeOf(matchPackages).returns.toEqualTypeOf<MatchResult>();
    expectTypeOf<SharedAlertPackage['schema']>().toEqualTypeOf<'tidewatch/shared-alert@1'>();
  });
});
