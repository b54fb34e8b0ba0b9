import { NATIVE_ROOT_ENV } from '../../db/native-binding';

export interface AppLocation {
  isPackaged: boolean;
  /** `app.getAppPath()`: the project folder when run with `electron .`. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder puts extraResources in a package. */
  resourcesPath: string;
}

/**
 * The environment the backend utility process (and the worker threads it starts) runs with:
 * the main process's own, plus where its Electron build of SQLite lives: `resources/` in a
 * package (electron-builder's extraResources), the project folder in development (where
 * `npm start` put it).
 */
export function backendEnvironment(
  location: AppLocation,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return {
    ...env,
    [NATIVE_ROOT_ENV]: location.isPackaged ? location.resourcesPath : location.appPath,
  };
}
