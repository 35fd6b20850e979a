// server-only is a build-time guard for Next bundles; under vitest it has nothing to guard.
export {};
