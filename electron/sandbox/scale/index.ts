/** NCI scale simulator for tests and the demo (see electron/sandbox/README.md, "Scale"). */
export { ScaleSimulator, type ScaleSimulatorOptions } from './server';
export { ScaleModel, answerFor, type ScaleView, type ScaleModelOptions } from './model';
export { ScaleLine, type LineFaults } from './serial';
