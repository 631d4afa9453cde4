export * from './gtin.js';
export * from './element-string.js';
