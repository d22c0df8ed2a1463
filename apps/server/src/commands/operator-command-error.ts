/** Why an operator command stopped, as a stable code. */
export type OperatorCommandErrorCode =
  | 'server_running'
  | 'target_not_empty'
  | 'not_sqlite'
  | 'backup_unreadable'
  | 'key_not_rotatable'
  | 'rotation_incomplete';

/** An operator command's refusal, shown on the terminal as it is (no stack, no secret). */
export class OperatorCommandError extends Error {
  readonly code: OperatorCommandErrorCode;
  constructor(code: OperatorCommandErrorCode, message: string) {
    super(message);
    this.name = 'OperatorCommandError';
    this.code = code;
  }
}
