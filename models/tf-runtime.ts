// The core, layers and the two backends training uses, not the whole tfjs package: its WebGL
// backend, converter and data API cost a training worker a third of tfjs's start and serve
// nothing here. Importing a backend registers it.
import * as tf from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * The CPU backend's version. Something is used from the package so that a bundle keeps it: the
 * package marks its Node entry free of side effects, and esbuild drops a bare import of it, which
 * would leave a bundled worker with no CPU backend to fall back on.
 */
export const cpuBackendVersion: string = version_cpu;

export type TfBackend = 'wasm' | 'cpu';

export interface TfRuntimeOptions {
  /** 'auto' (default) tries WebAssembly first; 'cpu' skips it. */
  backend?: 'auto' | 'cpu';
  /**
   * Folder (ending in '/') holding the tfjs-backend-wasm `.wasm` files, for bundles that copy
   * them elsewhere; by default the package's own folder is used.
   */
  wasmPath?: string;
}

let selected: Promise<TfBackend> | null = null;

/**
 * Selects the tfjs backend for this thread once: WebAssembly where it loads, else the plain
 * JavaScript CPU backend (slower, same results within float32 rounding). Later calls return the
 * first call's choice.
 */
export function initTf(options: TfRuntimeOptions = {}): Promise<TfBackend> {
  selected ??= select(options);
  return selected;
}

async function select(options: TfRuntimeOptions): Promise<TfBackend> {
  if (options.backend !== 'cpu') {
    if (options.wasmPath) setWasmPaths(options.wasmPath);
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      // Fall through: a backend that cannot load is the case the CPU fallback exists for.
    }
  }
  if (!(await tf.setBackend('cpu')))
    throw new Error('Neither the WebAssembly nor the CPU tfjs backend could start.');
  await tf.ready();
  return 'cpu';
}
