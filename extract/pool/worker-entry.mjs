// The entry piscina starts in each worker thread: a worker does not inherit the main thread's tsx
// loader, so it registers its own before importing the TypeScript task (there is no build step).
import { register } from 'tsx/esm/api';

register();
const task = await import('./worker.ts');

export default task.default;
