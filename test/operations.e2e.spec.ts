import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../apps/api/src/create-app.js';
import type { SqlClient } from '#sql';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';

describe('operations endpoints, embedded store', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir: '/nonexistent',
        database: { kind: 'pglite' },
        eventStore: { kind: 'database' },
        jwt: { secret: 'test-secret-test-secret-test-secret' },
        rateLimitPerMinute: 1_000_000,
        corsOrigins: [],
        runProjections: true,
      },
      { logger: false },
    );
    await app.init();
  });
  // The last test closes the database under the app: closing the app then may fail, which is no concern here.
  afterAll(() => app.close().catch(() => undefined));

  it('GET /health answers 200 and names the store when it answers', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      eventStore: { adapter: 'pglite', status: 'up' },
      projections: [
        'batches',
        'trace',
        'prescriptions',
        'alerts',
        'raised-alerts',
        'follow-up',
        'vigilance',
        'reports',
        'mass-balance',
        'release-entries',
        'event-alerts',
      ].map((name) => ({
        name,
        behind: 0,
        running: true,
        status: 'up',
      })),
    });
  });

  it('serves the OpenAPI document, which describes /health, and its page', async () => {
    const json = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/health');
    const page = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('answers an unknown path with a problem+json 404', async () => {
    const response = await request(app.getHttpServer()).get('/v1/nowhere').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/v1/nowhere',
    });
    expect(typeof response.body.detail).toBe('string');
  });

  it('GET /health answers 503 with the reason once the store no longer answers', async () => {
    await app.get<SqlClient>(SQL_CLIENT).close();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.status).toBe('unavailable');
    expect(response.body.eventStore).toMatchObject({ adapter: 'pglite', status: 'down' });
    expect(response.body.eventStore.detail.length).toBeGreaterThan(0);
  });
});
