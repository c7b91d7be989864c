// Run as a separate process (possibly as an unprivileged user): opens the project at
// argv[2] with the app's own openProject and prints the outcome as one JSON line.
import { openProject } from '../../electron/backend/project/lifecycle';

const path = process.argv[2]!;
try {
  const p = openProject(path);
  p.close();
  process.stdout.write(JSON.stringify({ ok: true }) + '\n');
} catch (e) {
  const err = e as { code?: string; message?: string };
  process.stdout.write(JSON.stringify({ ok: false, code: err.code ?? null, message: err.message ?? String(e) }) + '\n');
}
