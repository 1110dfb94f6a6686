import { describe } from 'vitest';
import { goldenTests } from './golden-check.js';

// Split over two files so vitest runs them on two workers; 999 MY and 77 TH are the held-out sets.
describe('golden outputs (scenario bank 31 AU, 999 MY, 77 TH, AMLSim 20K)', () => goldenTests(['scenario-31-AU', 'scenario-999-MY', 'scenario-77-TH', 'amlsim-20k']));
