import { describe } from 'vitest';
import { goldenTests } from './golden-check.js';

// Split over two files so vitest runs them on two workers.
describe('golden outputs (demo, scenario bank 7 MY, 23 MY, 5 ID)', () => goldenTests(['demo', 'scenario-7-MY', 'scenario-23-MY', 'scenario-5-ID']));
