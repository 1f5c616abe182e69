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
//
// A relative --prefix means relative to the folder the command was typed in:
// npm runs scripts from the package root but keeps that folder in INIT_CWD.
// Bad input is one line naming the flag, the value and the rule (exit 2).
//
// The kernel starts with src/notebook/kernel-preload.cjs (node -r), as under
// `convkit run`: no output is lost under a burst, and the kernel ends when
// the Jupyter server that started it is gone.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
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
  const preload = join(repo, 'src', 'notebook', 'kernel-preload.cjs');
  return {
    argv: [process.execPath, '-r', preload, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (convkit)',
    language: 'typescript',
    interrupt_mode: 'signal',
    metadata: { convkit: { repo } },
  };
}

function fail(field, value, rule, code = 2) {
  console.error(`kernel:install: ${field} = ${JSON.stringify(value)}: ${rule}`);
  return code;
}

/** The folder a --prefix value names, or an error line's exit code. */
function prefixFolder(value, cwd) {
  if (value === undefined) return { code: fail('--prefix', null, 'needs a folder (--prefix DIR)') };
  if (value.trim() === '') return { code: fail('--prefix', value, 'must name a folder (it is empty)') };
  const folder = resolve(cwd, value);
  // The deepest part that exists must be a folder: a file there can never hold share/jupyter.
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(at)) {
      if (!statSync(at).isDirectory()) {
        return { code: fail('--prefix', value, at === folder ? 'must be a folder, but it is a file' : `must be a folder, but ${at} is a file`) };
      }
      return { folder };
    }
    if (dirname(at) === at) return { folder };
  }
}

export function install(args, cwd = process.env.INIT_CWD || process.cwd()) {
  let dataDir = userDataDir();
  let prefixed = false;
  let prefixValue;
  const seen = new Set();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const flag = arg.startsWith('--prefix=') ? '--prefix' : arg;
    if (seen.has(flag)) return fail('option', flag, 'given 2 times; give each option once');
    seen.add(flag);
    if (flag === '--prefix') {
      const value = arg === '--prefix' ? args[++i] : arg.slice('--prefix='.length);
      if (arg === '--prefix' && value !== undefined && value.startsWith('--')) return fail('--prefix', value, 'needs a folder (--prefix DIR)');
      const { folder, code } = prefixFolder(value, cwd);
      if (code !== undefined) return code;
      dataDir = join(folder, 'share', 'jupyter');
      prefixed = true;
      prefixValue = value;
    } else if (flag === '--user') {
      dataDir = userDataDir();
    } else {
      return fail('flag', arg, 'must be --prefix DIR or --user');
    }
  }
  if (seen.has('--prefix') && seen.has('--user')) return fail('--user', true, 'cannot be combined with --prefix (choose one place)');
  const spec = kernelSpec();
  if (!existsSync(spec.argv[3])) return fail('tslab', spec.argv[3], 'must exist (run `npm ci` first)', 1);
  const folder = join(dataDir, 'kernels', KERNEL_NAME);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'kernel.json'), JSON.stringify(spec, null, 1) + '\n');
  } catch (error) {
    const rule = `must be a folder this user can write (${error.code ?? error.message})`;
    return prefixed ? fail('--prefix', prefixValue, rule) : fail('Jupyter data folder', dataDir, rule, 1);
  }
  console.log(`Installed kernelspec "${KERNEL_NAME}" (${spec.display_name}) in ${folder}`);
  if (prefixed) console.log(`Jupyter finds it when JUPYTER_PATH includes ${dataDir}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(install(process.argv.slice(2)));
}
