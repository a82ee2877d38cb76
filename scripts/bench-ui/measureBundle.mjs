// What the plugin adds to the production bundle (gzip), shared Backstage/MUI/zod chunks excluded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, require } from './common.mjs';

/** node_modules lookup as Node does it, from a package directory. */
function findPackageDir(fromDir, name) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json')))
      return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) return undefined;
  }
}
const readPkg = dir =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

/** Every package directory the app depends on at runtime, except ours. */
function appPackageDirs() {
  const seen = new Set();
  const queue = [path.join(ROOT, 'packages/app')];
  while (queue.length) {
    const dir = queue.pop();
    const pkg = readPkg(dir);
    for (const name of Object.keys({
      ...pkg.dependencies,
      ...pkg.peerDependencies,
    })) {
      if (name.startsWith('@mesh-advisor/')) continue;
      const found = findPackageDir(dir, name);
      if (found && !seen.has(found)) {
        seen.add(found);
        queue.push(found);
      }
    }
  }
  return seen;
}

function backstageBuild(pkgDir) {
  const r = spawnSync(
    process.execPath,
    [require.resolve('@backstage/cli/bin/backstage-cli'), 'package', 'build'],
    {
      cwd: pkgDir,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    throw new Error(
      `backstage-cli package build in ${pkgDir} failed:\n${r.stdout}${r.stderr}`,
    );
}

const gzipSize = buf => zlib.gzipSync(buf, { level: 9 }).length;
export const kb = n => Math.round((n / 1024) * 10) / 10;

export async function measureBundle() {
  const plugin = path.join(ROOT, 'plugins/mesh-advisor');
  const common = path.join(ROOT, 'plugins/mesh-advisor-common');
  const hadDist = [plugin, common].map(d =>
    fs.existsSync(path.join(d, 'dist')),
  );
  try {
    backstageBuild(common);
    backstageBuild(plugin);

    // As built: every ESM file of both dist folders, gzipped one by one
    // (not minified: an upper bound).
    let rawFiles = 0;
    let rawBytes = 0;
    let rawGzip = 0;
    for (const dir of [plugin, common]) {
      for (const f of fs.readdirSync(path.join(dir, 'dist'), {
        recursive: true,
      })) {
        if (!String(f).endsWith('.esm.js')) continue;
        const buf = fs.readFileSync(path.join(dir, 'dist', String(f)));
        rawFiles++;
        rawBytes += buf.length;
        rawGzip += gzipSize(buf);
      }
    }

    // As the app ships it: what the app imports (the /alpha entry, with the
    // lazily loaded pages) bundled with the common package's dist, every
    // other import left to the app, minified like the production build.
    let shipped;
    try {
      const esbuild = require('esbuild');
      const result = await esbuild.build({
        entryPoints: [path.join(plugin, 'dist/alpha.esm.js')],
        bundle: true,
        write: false,
        minify: true,
        format: 'esm',
        target: 'es2022',
        logLevel: 'silent',
        plugins: [
          {
            name: 'externals',
            setup(b) {
              b.onResolve(
                { filter: /^@mesh-advisor\/plugin-mesh-advisor-common$/ },
                () => ({
                  path: path.join(common, 'dist/index.esm.js'),
                }),
              );
              b.onResolve({ filter: /^[^./]/ }, args => ({
                path: args.path,
                external: true,
              }));
            },
          },
        ],
      });
      const code = Buffer.concat(
        result.outputFiles.map(f => Buffer.from(f.contents)),
      );
      shipped = { bytes: code.length, gzip: gzipSize(code) };
    } catch (e) {
      shipped = { error: e.message };
    }

    // Runtime dependencies of the two packages the app does not have already.
    const inApp = appPackageDirs();
    const deps = [];
    for (const dir of [plugin, common]) {
      for (const name of Object.keys(readPkg(dir).dependencies ?? {})) {
        if (name.startsWith('@mesh-advisor/')) continue;
        const found = findPackageDir(dir, name);
        deps.push({
          name,
          from: path.basename(dir),
          version: found ? readPkg(found).version : '?',
          shared: Boolean(found && inApp.has(found)),
        });
      }
    }
    const added = [];
    for (const d of deps.filter(x => !x.shared)) {
      try {
        const esbuild = require('esbuild');
        const r = await esbuild.build({
          stdin: {
            contents: `export * from ${JSON.stringify(d.name)};`,
            resolveDir: d.from === 'mesh-advisor' ? plugin : common,
          },
          bundle: true,
          write: false,
          minify: true,
          format: 'esm',
          logLevel: 'silent',
          external: ['react', 'react-dom'],
        });
        added.push({
          ...d,
          gzip: gzipSize(Buffer.from(r.outputFiles[0].contents)),
        });
      } catch (e) {
        added.push({ ...d, gzip: 0, error: e.message });
      }
    }
    return { rawFiles, rawBytes, rawGzip, shipped, deps, added };
  } finally {
    // leave no dist folders behind that were not there before
    [plugin, common].forEach((d, i) => {
      if (!hadDist[i])
        fs.rmSync(path.join(d, 'dist'), { recursive: true, force: true });
    });
  }
}
