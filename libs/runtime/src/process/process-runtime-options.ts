import type { Labels } from '../container-runtime.js';
import type { ProcessImage } from './process-image.js';

export interface ProcessRuntimeOptions {
  /** Where state.json and one directory per container live; one runtime per root. */
  rootDir: string;
  /** Image name -> host command. An image that is an absolute path to an executable runs itself. */
  images?: Record<string, ProcessImage>;
  /** Put on every sandbox and container this runtime creates (the agent's node name, say). */
  scopeLabels?: Labels;
}
