/** Serial retail scale (NCI protocol): the public surface for the composition root and the engine. */
export { SerialScale } from './serial-scale';
export { scaleOptionsFrom, ScaleOptionsError } from './options';
export { acceptWeight, type WeighRules, type WeighResult, type WeightRefusal } from './accept';
export { NciFramer, decodeFrame, gramsFrom, COMMANDS } from './nci';
export type { ScaleReading, ScaleReadingKind, ScalePortStatus, ScaleProtocol, SerialScaleOptions, ScaleStatusDetail, ScaleDrop, ScaleEvents } from './types';
