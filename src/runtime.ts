/** The lowest Node.js the Teams SDK supports; the project brings 22 LTS through npm. */
export const MIN_NODE = [22, 12] as const;

export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}
