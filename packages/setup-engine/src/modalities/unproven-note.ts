/** Appended to a step's description when the owner takes the path without a recorded proof. */
export function unprovenNote(unproven: boolean): string {
  return unproven ? ' This path has not been proven end to end on this server yet.' : '';
}
