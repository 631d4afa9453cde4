export {
  ConfigError,
  eventStoreConfig,
  isLoopbackHost,
  loadConfig,
  type AppConfig,
  type DatabaseConfig,
  type EventStoreKind,
  type JwtConfig,
} from './config.js';
