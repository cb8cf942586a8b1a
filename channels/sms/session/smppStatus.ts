import { errors } from 'smpp';

/** command_status values this channel acts on (SMPP 3.4 §5.1.3). */
export const STATUS = {
  ROK: 0x0000,
  RINVMSGLEN: 0x0001,
  RINVCMDLEN: 0x0002,
  RINVCMDID: 0x0003,
  RINVBNDSTS: 0x0004,
  RSYSERR: 0x0008,
  RBINDFAIL: 0x000d,
  RINVPASWD: 0x000e,
  RINVSYSID: 0x000f,
  RMSGQFUL: 0x0014,
  RTHROTTLED: 0x0058,
  RX_T_APPN: 0x0064,
} as const;

const NAMES = new Map<number, string>(Object.entries(errors).map(([name, code]) => [code, name]));

/** "ESME_RTHROTTLED (0x58)": how a status appears in logs and in recorded errors. */
export function statusName(status: number): string {
  return `${NAMES.get(status) ?? 'unknown status'} (0x${status.toString(16)})`;
}

/** The SMSC refused the credentials or the account: reconnecting at once will not help. */
export function isBindRefusal(status: number): boolean {
  return status === STATUS.RBINDFAIL || status === STATUS.RINVPASWD || status === STATUS.RINVSYSID;
}

/** The SMSC is busy, not the message wrong: wait and submit the same PDU again. */
export function isThrottle(status: number): boolean {
  return status === STATUS.RTHROTTLED || status === STATUS.RMSGQFUL;
}

/**
 * Statuses after which a later retry of the same submit may succeed. Everything else about a
 * submit_sm (bad destination, bad data coding, message refused) is permanent.
 */
export function isTemporarySubmitError(status: number): boolean {
  return isThrottle(status) || status === STATUS.RSYSERR || status === STATUS.RX_T_APPN || status === STATUS.RINVBNDSTS || status === 0x00fe || status === 0x00ff;
}
