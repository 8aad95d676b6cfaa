/**
 * A real load balancer for tests: Debian's nginx, started on a free loopback port in front of the given
 * replicas (round robin, keep-alive upstream connections, WebSocket upgrades and unbuffered SSE passed
 * through, a refused connection retried on the next replica as nginx does by default). Its files live
 * in a temporary directory removed by `close()`. Tests that use it need /usr/sbin/nginx, or
 * NGINX_PATH; `.ci/run` installs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export interface LoadBalancer {
  /** e.g. http://127.0.0.1:54321/graphql */
  url: string;
  /** ws://127.0.0.1:54321/graphql */
  wsUrl: string;
  /** Base URL, e.g. http://127.0.0.1:54321 */
  base: string;
  close(): Promise<void>;
}

function configFor(dir: string, port: number, replicas: string[]): string {
  const temp = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  // As root, nginx would start its workers as `nobody`, who cannot use the temporary directory.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  return `
${user}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr error;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream replicas {
${replicas.map((replica) => `    server ${replica} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 128;
    # Below the server's keep-alive timeout (Node's 5 s): nginx must not reuse a connection the
    # server is closing, or a POST sent on it fails with 502 (nginx does not retry POSTs).
    keepalive_timeout 4s;
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering off;
      proxy_read_timeout 1h;
      # Which replica answered (or failed): tests tell the replicas' answers apart by it.
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** Starts nginx in front of `replicas` (`127.0.0.1:port` each). */
export async function startNginx(replicas: string[]): Promise<LoadBalancer> {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx not found at ${NGINX}: install it (apt-get install nginx) or set NGINX_PATH.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cfg-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, configFor(dir, port, replicas));
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${errors}`);
    try {
      await fetch(`${base}/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    base,
    url: `${base}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
