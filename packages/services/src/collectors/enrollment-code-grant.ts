/** A one-time code handed to the owner once, with the exact command that uses it. */
export interface EnrollmentCodeGrant {
  connection_id: string;
  /** Plaintext, shown this once; the store keeps only its hash. */
  enrollment_code: string;
  /** `conn collector enroll --code …`, the published CLI's command. */
  command: string;
  expires_at: string;
}
