import { describe } from 'vitest';
import { goldenTests } from './golden-check.js';

// The golden sets are spread over four files so that vitest keeps every worker busy to the end.
describe('golden outputs (scenario-31-AU, scenario-999-MY)', () => goldenTests(['scenario-31-AU', 'scenario-999-MY']));
