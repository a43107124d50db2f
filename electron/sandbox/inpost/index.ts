export { InpostSandbox, type InpostSandboxOptions } from './server';
export { DEMO_CLIENT } from './customer';
export type { SignatureFault } from './signer';
