export * from './gtin.js';
export * from './gln.js';
export * from './ai-table.js';
export * from './ai-checks.js';
export * from './gs1-date.js';
export * from './element-string.js';
export * from './digital-link.js';
export * from './pack-code.js';
