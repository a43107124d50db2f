import type { Log } from '../log';
import type { CheckLock } from './check-lock';
import { IntentRefused, type KioskEngine } from './engine';
import { recordStaffAudit } from './staff-audit';
import type { StaffSignIn } from './staff-sign-in';
import type { StaffIdentity, SupervisionPorts } from './supervision-ports';

/** A badge, a name or a console id from outside: 1–64 printable characters. */
const SHORT_TEXT = /^[^\p{Cc}\p{Cf}]{1,64}$/u;

/**
 * Staff answering the customer's call for help (`engine.assistance`): acknowledged at the kiosk's
 * console or from afar, finished with "Help given" or by signing out. Every step is audited.
 */
export class StaffHelp {
  constructor(
    private readonly engine: KioskEngine,
    private readonly ports: Pick<SupervisionPorts, 'audit'>,
    private readonly log: Log,
    private readonly checks: CheckLock,
    private readonly signIn: StaffSignIn,
  ) {}

  /**
   * A member of staff saw the call for help: audited, and the customer reads "Help is on the
   * way" until staff finish. `via` names the console it came from ("kiosk-console" here; a remote
   * attendant console passes its own id). Refused when nothing is waiting or it was already seen.
   */
  acknowledgeAssistance(by: StaffIdentity, via: string): void {
    const e = this.engine;
    checkStaffIdentity(by, via);
    const waitedMs = this.ackHelp(by, via);
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: 'assistance-acknowledged', kioskSessionId: e.sessionId, basketBefore: null, basketAfter: null, detail: { via, waitedMs } });
    e.publish();
  }

  /** Records the acknowledgement and tells the customer; answers how long they waited. The caller audits. */
  ackHelp(by: StaffIdentity, via: string): number | null {
    const e = this.engine;
    const now = e.deps.clock.now();
    const since = e.assistance.since;
    if (!e.assistance.acknowledge(by, via, now)) {
      const ack = e.assistance.ack;
      throw e.assistance.requested ? new IntentRefused('already-acknowledged', `the call for help was already acknowledged${ack ? ` by ${ack.name}` : ''}`, true) : new IntentRefused('no-assistance', 'nobody is asking for help', true);
    }
    const waitedMs = since === null ? null : now - since;
    this.log.info('assistance acknowledged', { via, badgeSuffix: by.badge.slice(-4), waitedMs });
    e.setNotice('assistance-acknowledged', 'info');
    return waitedMs;
  }

  /** A remote console's "Help given": the call is finished, audited with who and where. */
  finishAssistance(by: StaffIdentity, via: string): void {
    checkStaffIdentity(by, via);
    const e = this.engine;
    if (!e.assistance.requested) throw new IntentRefused('no-assistance', 'nobody is asking for help', true);
    if (this.checks.lock) throw new IntentRefused('locked', 'resolve the check first', true);
    this.ports.audit.record({ at: e.deps.clock.now(), supervisorBadge: by.badge, supervisorName: by.name, action: 'assistance-finished', kioskSessionId: e.sessionId, basketBefore: null, basketAfter: null, detail: { via } });
    e.finishAssistance('staff-done');
    e.publish();
  }

  /** Staff are done with the customer's call (the console's "Help given", or signing out after seeing it). */
  finishHelp(how: 'done' | 'sign-out' = 'done'): void {
    const e = this.engine;
    if (!e.assistance.requested) throw new IntentRefused('no-assistance', 'nobody is asking for help');
    if (this.checks.lock) throw new IntentRefused('locked', 'resolve the check first');
    if (how === 'sign-out') recordStaffAudit(this.ports.audit, e, this.signIn.who(), 'assistance-finished', null, null, { how });
    e.finishAssistance(`staff-${how}`);
  }
}

/** A staff identity and console id from outside the kiosk (a remote console): bounded, printable. */
export function checkStaffIdentity(by: StaffIdentity, via: string): void {
  if (!SHORT_TEXT.test(by.badge) || !(by.name === '' || SHORT_TEXT.test(by.name)) || !SHORT_TEXT.test(via)) {
    throw new IntentRefused('invalid', 'badge, name and via must be 1 to 64 printable characters', true);
  }
}
