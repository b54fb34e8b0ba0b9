/**
 * Turns a failed download or build into the one line `npm start` prints: what could not be had,
 * whether the cause is the network, and what to do. Never a stack trace.
 */

const NETWORK =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|getaddrinfo|socket hang up|network is unreachable|self[- ]signed certificate|certificate/i;

/** True when a tool's output says it could not reach the internet. */
export function isNetworkFailure(output: string): boolean {
  return NETWORK.test(output);
}

const ERROR_TOKEN = /(getaddrinfo \S+ \S+|connect E[A-Z]+ \S+|\bE[A-Z]{4,}\b.*|fetch failed.*)/;

/**
 * The most telling part of a tool's output: the network error if there is one (from its errno
 * on), else the last line that is not part of a stack trace.
 */
export function reasonOf(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(prebuild-install|gyp) \S+\s*(stack\s+)?/, '').trim())
    .filter((l) => l !== '' && !/^at\s/.test(l) && !/^(System|command|cwd|node|not ok)\b/.test(l));
  const network = lines.find((l) => NETWORK.test(l));
  const errors = lines.filter((l) => /error:/i.test(l));
  const chosen = network
    ? (ERROR_TOKEN.exec(network)?.[1] ?? network)
    : (errors[errors.length - 1] ?? lines[lines.length - 1] ?? 'no output');
  const plain = chosen.replace(/^.*?\w*Error: /, '');
  return plain.length > 160 ? `${plain.slice(0, 157)}...` : plain;
}

/** The single line `npm start` ends with when `what` could not be downloaded or built. */
export function startFailureLine(what: string, output: string): string {
  const reason = reasonOf(output);
  return isNetworkFailure(output)
    ? `Beacon cannot start: ${what} could not be downloaded (no internet connection: ${reason}). ` +
        'Connect to the internet and run `npm start` again; `npm test` and the beacon CLI work offline.'
    : `Beacon cannot start: ${what} could not be installed (${reason}). ` +
        'Fix the cause above and run `npm start` again.';
}
