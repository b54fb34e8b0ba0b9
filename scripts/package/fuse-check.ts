/**
 * The fuses every packaged Beacon must have, and what differs in a packaged binary's wire.
 * Wire order and values are @electron/fuses' FuseV1Options and FuseState ('1' on, '0' off).
 */
const FUSES = [
  { name: 'RunAsNode', index: 0, on: false },
  { name: 'EnableCookieEncryption', index: 1, on: true },
  { name: 'EnableNodeOptionsEnvironmentVariable', index: 2, on: false },
  { name: 'EnableNodeCliInspectArguments', index: 3, on: false },
  { name: 'EnableEmbeddedAsarIntegrityValidation', index: 4, on: true },
  { name: 'OnlyLoadAppFromAsar', index: 5, on: true },
  { name: 'GrantFileProtocolExtraPrivileges', index: 7, on: false },
] as const;

const ENABLE = 49;
const DISABLE = 48;

/** One problem per fuse that is not as Beacon requires, given the wire read from the binary. */
export function fuseProblems(wire: Record<number, number>): string[] {
  return FUSES.flatMap(({ name, index, on }) => {
    const state = wire[index];
    if (state === (on ? ENABLE : DISABLE)) return [];
    const found = state === ENABLE ? 'on' : state === DISABLE ? 'off' : `state ${String(state)}`;
    return [`fuse ${name} is ${found}, must be ${on ? 'on' : 'off'}`];
  });
}

/** The fuses as a readable list, for the check's summary. */
export function describeFuses(wire: Record<number, number>): string {
  return FUSES.map(({ name, index }) => `${name}=${wire[index] === ENABLE ? 'on' : 'off'}`).join(
    ', ',
  );
}
