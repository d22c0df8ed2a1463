/**
 * The prefix of collector tokens (`coc_…`), so the REST layer can tell a
 * collector bearer from an owner or agent one before looking it up.
 */
export const collectorTokenPrefix = 'coc';
