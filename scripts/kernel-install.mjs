// `npm run kernel:install [-- --prefix DIR | --user]`
//
// Registers the "convkit-tslab" Jupyter kernelspec ("TypeScript (convkit)"),
// whose argv starts THIS repo's tslab (node_modules/tslab, a devDependency)
// with the absolute path of the node that ran this script. So JupyterLab,
// VS Code and nbconvert run the same tslab and the same compiled kit as
// `convkit run`, whatever tslab may be installed globally, and whatever PATH
// the editor was started with.
//
// Where it goes (Jupyter's data-dir rules, as jupyter_client resolves them):
//   --prefix DIR   DIR/share/jupyter/kernels/convkit-tslab/
//   default        $JUPYTER_DATA_DIR, else ~/.local/share/jupyter (Linux),
//                  ~/Library/Jupyter (macOS), %APPDATA%\jupyter (Windows)
// No Python is needed to install it; only to run Jupyter itself.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERNEL_NAME = 'convkit-tslab';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function userDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'jupyter');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter');
}

export function kernelSpec() {
  const tslab = join(repo, 'node_modules', 'tslab', 'bin', 'tslab');
  return {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (convkit)',
    language: 'typescript',
    interrupt_mode: 'signal',
    metadata: { convkit: { repo } },
  };
}

export function install(args) {
  let dataDir = userDataDir();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--prefix' && args[i + 1]) dataDir = join(resolve(args[++i]), 'share', 'jupyter');
    else if (args[i].startsWith('--prefix=')) dataDir = join(resolve(args[i].slice('--prefix='.length)), 'share', 'jupyter');
    else if (args[i] === '--user') dataDir = userDataDir();
    else {
      console.error(`kernel:install: flag = ${JSON.stringify(args[i])}: must be --prefix DIR or --user`);
      return 2;
    }
  }
  const spec = kernelSpec();
  if (!existsSync(spec.argv[1])) {
    console.error(`kernel:install: tslab = ${JSON.stringify(spec.argv[1])}: must exist (run \`npm ci\` first)`);
    return 1;
  }
  const folder = join(dataDir, 'kernels', KERNEL_NAME);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'kernel.json'), JSON.stringify(spec, null, 1) + '\n');
  console.log(`Installed kernelspec "${KERNEL_NAME}" (${spec.display_name}) in ${folder}`);
  if (!args.some((a) => a.startsWith('--prefix'))) return 0;
  console.log(`Jupyter finds it when JUPYTER_PATH includes ${dataDir}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(install(process.argv.slice(2)));
}
