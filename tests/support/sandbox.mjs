// The sandbox as a child process on free ports, and copies of the built
// bundles it serves; shared by the end-to-end tests, bench/ and scripts/.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const SANDBOX_BIN = join(ROOT, 'target/debug/paylink-sandbox');
const DIST_DIR = join(ROOT, 'dist');
/** The designers' gallery, built next to the bundles (never inside one). */
export const GALLERY_DIR = join(ROOT, 'dist-gallery');

/**
 * The header every change to the sandbox's fault rules carries: without it
 * (as in a cross-origin request from another web page) they are refused.
 */
export const SANDBOX_CONTROL = { 'X-Sandbox-Control': '1' };

/**
 * Starts the sandbox on a free port, and its merchant demo on another;
 * resolves once it says where both listen. `merchantUrl` is the demo's
 * origin (no trailing slash), a second origin next to `baseUrl`.
 */
export async function startSandbox(env = {}) {
  const child = spawn(SANDBOX_BIN, [], {
    env: { ...process.env, PORT: '0', MERCHANT_PORT: '0', DIST_DIR, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const [baseUrl, merchantUrl] = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const page = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const merchant = output.match(/merchant demo on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (page && merchant) {
        clearTimeout(timer);
        resolve([page[1], merchant[1]]);
      }
    });
  });
  return {
    baseUrl,
    merchantUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/**
 * A copy of dist/ and of the gallery next to it (dist-gallery/, where the
 * sandbox looks for it by default), taken while holding the build lock, for
 * a run that must see one build from start to end even if they are
 * rebuilt meanwhile. Returns `{ dir, remove() }`; give `dir` to
 * `startSandbox({ DIST_DIR })`.
 */
export async function distSnapshot() {
  const snapshot = mkdtempSync(join(tmpdir(), 'paylink-dist-'));
  const [dir, gallery] = [join(snapshot, 'dist'), join(snapshot, 'dist-gallery')];
  mkdirSync(join(ROOT, 'target'), { recursive: true });
  // Both under one hold of the lock: the page and the gallery of one build.
  const copy = 'mkdir -p "$2" "$4" && cp -a "$1/." "$2" && { [ ! -d "$3" ] || cp -a "$3/." "$4"; }';
  execFileSync('flock', [join(ROOT, 'target/dist.lock'), 'sh', '-c', copy, 'sh', DIST_DIR, dir, GALLERY_DIR, gallery]);
  rmSync(join(dir, '.stage'), { recursive: true, force: true });
  rmSync(join(gallery, '.stage'), { recursive: true, force: true });
  return {
    dir,
    remove() {
      rmSync(snapshot, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of dist-belvo/, the bundle built for the Belvo wire format (`make
 * build`), made while holding the build lock, so a build running meanwhile
 * is never copied half done. Returns `{ dir, remove() }`; give `dir` to
 * `startSandbox({ DIST_DIR })`.
 */
export async function belvoDist() {
  const dir = mkdtempSync(join(tmpdir(), 'paylink-belvo-dist-'));
  mkdirSync(join(ROOT, 'target'), { recursive: true });
  // `flock` holds target/dist.lock (the one `make build` takes) around the copy.
  execFileSync('flock', [join(ROOT, 'target/dist.lock'), 'cp', '-a', `${join(ROOT, 'dist-belvo')}/.`, dir]);
  rmSync(join(dir, '.stage'), { recursive: true, force: true });
  if (!/name=["']?paylink-provider["']? content=["']?belvo/.test(readFileSync(join(dir, 'index.html'), 'utf8'))) {
    throw new Error('dist-belvo/index.html does not select the Belvo wire format');
  }
  return {
    dir,
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
