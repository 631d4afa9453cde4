export {
  ConfigError,
  eventStoreConfig,
  isLoopbackHost,
  loadConfig,
  type AppConfig,
  type DatabaseConfig,
  type EventStoreKind,
  type JwtConfig,
  type WebhookTimings,
} from './config.js';
