export { SupervisorDirectory, configSupervisorSchema, type SupervisorRecord, type Supervisor, type VerifyResult, type LockPolicy, type ConfigSupervisor } from './directory';
export { hashPin, verifyPin, isPinHash, PIN_SCRYPT } from './pin-hash';
export { SupervisorInputError, type SupervisorInputCode, checkBadge, checkPin, checkName } from './rules';
export { SupervisorSession } from './session';
