export * from './roles.js';
export * from './jwt.js';
export * from './jwt-secret.js';
