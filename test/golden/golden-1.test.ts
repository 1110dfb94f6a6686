import { describe } from 'vitest';
import { goldenTests } from './golden-check.js';

// The golden sets are spread over four files so that vitest keeps every worker busy to the end.
describe('golden outputs (demo, scenario-7-MY)', () => goldenTests(['demo', 'scenario-7-MY']));
