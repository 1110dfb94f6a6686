/** The engine version written into every alert (kept equal to package.json by a test). @category Alerts */
export const VERSION = '0.1.0';
