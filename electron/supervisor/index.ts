export { SupervisorDirectory, configSupervisorSchema, type SupervisorRecord, type Supervisor, type VerifyResult, type LockPolicy, type ConfigSupervisor } from './directory';
export { hashPin, verifyPin, isPinHash, pinHashProblem, PIN_SCRYPT, PIN_HASH_LIMITS } from './pin-hash';
export { SupervisorInputError, type SupervisorInputCode, checkBadge, checkPin, checkName, looksLikeBadge } from './rules';
export { SupervisorSession } from './session';
export { LoginThrottle, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';
