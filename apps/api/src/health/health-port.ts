import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { HealthCheck } from './health-check.js';
import { HealthReporter } from './health-reporter.js';

export const HEALTH_PORT_OPTIONS = Symbol('HEALTH_PORT_OPTIONS');

export interface HealthPortOptions {
  /** `HEALTH_PORT`; absent: no health port, `GET /health` on the api's port only. */
  port?: number;
  host: string;
}

/** How often the main thread posts to the health listener. */
const POST_EVERY_MS = 1000;

/**
 * The health port (`HEALTH_PORT`): a listener in a worker thread (health-listener.ts) that answers `GET /health`
 * while the main event loop is saturated, from what this provider posts to it every second (health-reporter.ts).
 */
@Injectable()
export class HealthPort implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HealthPort');
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  private loopDelay?: IntervalHistogram;

  constructor(
    @Inject(HealthCheck) private readonly health: HealthCheck,
    @Inject(HttpAdapterHost) private readonly adapter: HttpAdapterHost,
    @Inject(HEALTH_PORT_OPTIONS) private readonly options: HealthPortOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.options;
    if (port === undefined) return;
    this.worker = await startListener(port, host);
    this.worker.on('error', (error) => this.logger.error(`the health listener stopped: ${error.message}`));
    // Not listening until main.ts listens: the health port answers 503 until then.
    const reporter = new HealthReporter(
      this.health,
      () => (this.adapter.httpAdapter?.getHttpServer() as Server | undefined)?.listening === true,
    );
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    this.loopDelay = delay;
    const post = () => {
      const loopDelayMs = { p99: Math.round(delay.percentile(99) / 1e6), max: Math.round(delay.max / 1e6) };
      this.worker?.postMessage({ ...reporter.next(), ...(delay.count > 0 ? { loopDelayMs } : {}) });
      delay.reset();
    };
    post();
    this.timer = setInterval(post, POST_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.loopDelay?.disable();
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The worker, once it listens; a port it cannot take stops the api's start like its own port would. */
function startListener(port: number, host: string): Promise<Worker> {
  const worker = new Worker(new URL('./health-listener.js', import.meta.url), { workerData: { port, host } });
  // The listener never keeps the process alive on its own.
  worker.unref();
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      void worker.terminate();
      reject(new Error(`HEALTH_PORT ${port}: ${error.message}`));
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the health listener exited with code ${code}`)));
    worker.on('message', (message: { listening?: boolean; error?: string }) => {
      if (message.error) return fail(new Error(message.error));
      if (!message.listening) return;
      worker.removeAllListeners();
      resolve(worker);
    });
  });
}
