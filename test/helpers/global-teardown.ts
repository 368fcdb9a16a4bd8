export default async function globalTeardown(): Promise<void> {
  await globalThis.__vodflowTemporal?.stop();
  globalThis.__vodflowTemporal = undefined;
}
