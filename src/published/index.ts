/** The kit's figures against the papers' and libraries' tables in data/reference/. */
export * from './kernel-weights';
export * from './compare';
