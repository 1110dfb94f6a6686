import { describe } from 'vitest';
import { goldenTests } from './golden-check.js';

// The golden sets are spread over four files so that vitest keeps every worker busy to the end.
describe('golden outputs (scenario-23-MY, scenario-5-ID)', () => goldenTests(['scenario-23-MY', 'scenario-5-ID']));
