/**
 * netsuite-postman's programmatic API: what the CLI commands do, as functions that return results
 * and throw coded errors (RunnerError, GeneratorError, DoctorError) — they never print or exit.
 *
 *   import { run, startSimulator, doctor, writeEnvironment, generate, fetchMetadataCatalog,
 *     generateMetadataCollection } from 'netsuite-postman';
 */
export { run, type RunOptions, type RunSetupEvent } from './runner/run.ts';
export type { RunEvent, RunMatrixResult, SummaryRow } from './runner/runMatrix.ts';
export type { ItemResult, NewmanOptions } from './runner/newmanRun.ts';
export type { RunnerEnvironment, RunnerEnvironmentValue } from './runner/environmentFile.ts';
export type { ReporterName } from './runner/reportFiles.ts';
export { RunnerError } from './runner/RunnerError.ts';
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator/startSimulator.ts';
export { doctor, type DoctorOptions, type DoctorReport } from './doctor/doctor.ts';
export type { CheckResult, CheckStatus } from './doctor/checks.ts';
export { DoctorError } from './doctor/DoctorError.ts';
export { writeEnvironment, inferTemplate, DEFAULT_ENV_OUT, type WriteEnvironmentOptions, type WriteEnvironmentResult } from './generator/writeEnvironment.ts';
export { checkVariables, type VariableProblem } from './generator/checkVariables.ts';
export { generate, writeGenerated, drift, type GenerateOptions, type GenerateResult, type GeneratedFile } from './generator/generate.ts';
export { GeneratorError } from './generator/GeneratorError.ts';
export { generateMetadataCollection } from './generator/metadata/generateMetadataCollection.ts';
export { fetchMetadataCatalog, type FetchMetadataCatalogOptions, type FetchMetadataCatalogResult } from './runner/fetchMetadataCatalog.ts';
export { MetadataCatalogError } from './runner/MetadataCatalogError.ts';
