import { register } from 'node:module';

/**
 * `server-only` throws when imported outside a React Server Components bundle, and the data layer
 * (`lib/data/*`) imports it. Scripts (the demo, the e2e server) run that code in plain Node, where
 * there is no client bundle to guard against: this resolve hook turns `server-only` into an empty
 * module for this process. Import this module first, then load the data layer with a dynamic
 * `import()` so the hook is in place before those modules are resolved.
 */
const hook = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return nextResolve(specifier, context);
}`;

register(`data:text/javascript,${encodeURIComponent(hook)}`);
