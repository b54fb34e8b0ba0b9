import { io } from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { ModelError } from './errors';
import { decodeTfSegment, encodeTfSegment } from './tf-segment';

/**
 * A tfjs IOHandler that saves a model's topology and weights into bytes in memory: tfjs has no
 * file handler without tfjs-node, and the registry stores artifacts as BLOBs anyway.
 */
export function bytesSaveHandler(): { handler: io.IOHandler; bytes(): Uint8Array } {
  let saved: Uint8Array | null = null;
  const handler: io.IOHandler = {
    save: async (artifacts) => {
      if (!artifacts.weightSpecs || !artifacts.weightData || !artifacts.modelTopology) {
        throw new ModelError(
          'ARTIFACT_INVALID',
          'tfjs gave the save handler no topology or weights.',
        );
      }
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelError(
          'ARTIFACT_INVALID',
          'Only layers models in JSON topology can be saved.',
        );
      }
      const weights = io.CompositeArrayBuffer.join(artifacts.weightData);
      saved = encodeTfSegment(artifacts.modelTopology, artifacts.weightSpecs, weights);
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
  return {
    handler,
    bytes: () => {
      if (!saved) throw new ModelError('ARTIFACT_INVALID', 'The model has not been saved yet.');
      return saved;
    },
  };
}

/** A tfjs IOHandler that loads a model from bytes written by `bytesSaveHandler`. */
export function bytesLoadHandler(bytes: Uint8Array): io.IOHandler {
  return {
    load: async () => {
      const segment = decodeTfSegment(bytes);
      return {
        modelTopology: segment.modelTopology as io.ModelArtifacts['modelTopology'],
        weightSpecs: segment.weightSpecs,
        weightData: segment.weightData,
        format: 'layers-model',
      };
    },
  };
}

/** Saves a layers model to bytes with our own IOHandler. */
export async function saveModelBytes(model: LayersModel): Promise<Uint8Array> {
  const saver = bytesSaveHandler();
  await model.save(saver.handler);
  return saver.bytes();
}

/** Loads a layers model back into tfjs from bytes, e.g. to compare with the typed-array scorer. */
export function loadModelBytes(bytes: Uint8Array): Promise<LayersModel> {
  return loadLayersModel(bytesLoadHandler(bytes));
}
