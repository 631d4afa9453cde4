import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { strictValidation } from './problem/validation.js';
import { requestLog } from './security/request-log.js';
import { securityHeaders } from './security/security-headers.js';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '#config';

/** The configured application, not yet listening: main.ts listens, tests drive it through supertest. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false; requestLog?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // 1 MB: a receipt of 10,000 scans is about 600 kB; anything larger is refused with a 413 problem.
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(strictValidation());
  app.use(securityHeaders);
  // The web interface and the graph library it draws with, from the working directory (npm start runs at the root).
  app.useStaticAssets(resolve('web'));
  app.useStaticAssets(resolve('node_modules/cytoscape/dist'), { prefix: '/vendor/cytoscape/' });
  if (options.logger !== false || options.requestLog) app.use(requestLog(options.requestLog));
  if (config.corsOrigins.length > 0)
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
    });
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
