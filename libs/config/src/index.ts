export { ConfigError, loadConfig, type AppConfig } from './config.js';
