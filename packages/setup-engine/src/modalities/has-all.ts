import type { ImplementationKind } from '../vocabulary';

/** True when every `needed` implementation kind is among the `registered` ones. */
export function hasAll(
  registered: readonly ImplementationKind[],
  needed: readonly ImplementationKind[],
): boolean {
  return needed.every((kind) => registered.includes(kind));
}
