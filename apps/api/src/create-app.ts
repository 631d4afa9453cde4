import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { TokenVerifier } from '#auth';
import type { AppConfig } from '#config';
import { AppModule } from './app.module.js';
import { authenticate } from './auth/authenticate.js';
import { strictValidation } from './problem/validation.js';
import { answerClientErrors } from './security/client-errors.js';
import { securityHeaders } from './security/headers.js';
import { createLogger, PinoNestLogger } from './security/logger.js';
import { rateLimit } from './security/rate-limit.js';
import { jsonBody } from './security/request-body.js';
import { requestId } from './security/request-id.js';
import { requestLog } from './security/request-log.js';
import { rejectUnreadableUrl } from './security/request-url.js';

/** The configured application, not yet listening: main.ts listens, tests drive it through supertest. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false; requestLog?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const logger = options.logger === false && !options.requestLog ? undefined : createLogger(options.requestLog);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger === false || !logger ? false : new PinoNestLogger(logger),
    abortOnError: false,
    // Bodies are parsed below, once the token is verified.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  answerClientErrors(app.getHttpServer());
  // In this order: every answer, refusals included, carries its request id, headers and log line; nothing reads
  // the body before the token is verified and the caller counted.
  app.use(requestId);
  app.use(securityHeaders);
  if (logger) app.use(requestLog(logger));
  if (config.corsOrigins.length > 0)
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
    });
  app.use(rejectUnreadableUrl);
  app.use(authenticate(app.get(TokenVerifier)));
  app.use(
    rateLimit({
      authenticated: config.rateLimitPerMinute,
      unauthenticated: config.rateLimitUnauthenticatedPerMinute ?? 120,
    }),
  );
  app.use(jsonBody());
  app.useGlobalPipes(strictValidation());
  // The web interface as `npm run build` bundles it (web/build.mjs), from the working directory (npm start runs at
  // the root).
  app.useStaticAssets(resolve('dist/web'));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('cannatrace')
      .setDescription("Traceability of France's medical cannabis circuit, from the supplier's batch to the patient.")
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
