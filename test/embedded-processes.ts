import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken, type Role } from '#auth';

/** The api and the CLI as users run them, compiled into a directory of these tests' own. */
export const BUILD = 'dist/embedded-tests';
export const SECRET = 'embedded-tests-secret-embedded-tests-secret';

export function build(): void {
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', BUILD], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stdout}${result.stderr}`);
  // `#domain` and its siblings resolve through the nearest package.json: this build gets one of its own that
  // points them into the build, not into the root's dist/ (which may not exist, or be older).
  const root = JSON.parse(readFileSync('package.json', 'utf8')) as { imports: Record<string, { default: string }> };
  const imports = Object.fromEntries(
    Object.entries(root.imports).map(([name, target]) => [name, target.default.replace(/^\.\/dist\//, './')]),
  );
  writeFileSync(join(BUILD, 'package.json'), JSON.stringify({ type: 'module', imports }, null, 2));
}

const env = (dataDir: string, extra: Record<string, string>) => ({
  ...process.env,
  EVENT_STORE: 'pglite',
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: '0',
  JWT_SECRET: SECRET,
  RATE_LIMIT_PER_MINUTE: '1000000',
  ...extra,
});

export interface RunningApi {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `node main.js` of the api on the embedded default; answers once it prints where it listens. */
export function startApi(dataDir: string, extra: Record<string, string> = {}): Promise<RunningApi> {
  const child = spawn(process.execPath, [`${BUILD}/apps/api/src/main.js`], {
    env: env(dataDir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    // Read everything (request logs included), or a full pipe would stall the api.
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1], exited });
    });
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the api exited with ${code} before listening:\n${output}`)));
  });
}

/** Runs `node main.js` of the api or the CLI to its end; killed after 20 s (an api that was not refused runs on). */
export function run(
  script: 'api' | 'cli',
  args: string[],
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${BUILD}/apps/${script}/src/main.js`, ...args], {
    env: env(dataDir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const limit = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    }),
  );
}

export const bearer = (role: Role, org: string, sub = `${role}@${org}`) =>
  `Bearer ${signToken(SECRET, { sub, role, org }, 600)}`;

export async function post(url: string, path: string, authorization: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}
