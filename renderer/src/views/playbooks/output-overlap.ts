/** The length of the longest prefix of `arrived` that `log` ends with. */
export function overlap(log: string, arrived: string): number {
  for (let length = Math.min(log.length, arrived.length); length > 0; length -= 1) {
    if (log.endsWith(arrived.slice(0, length))) return length;
  }
  return 0;
}
