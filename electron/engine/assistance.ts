/**
 * The kiosk's call for staff: raised by the customer's Help (or by a lock, a payment that needs
 * staff, repeated wrong PINs), seen by a member of staff who acknowledges it (audited, from the
 * kiosk's console or a remote attendant console), and finished when staff are done (an explicit
 * "Done", the acknowledging staff's sign-out at the kiosk, a resolved lock, or the end of the
 * customer session). Signing in never clears it. Pure state; the engine owns one.
 */

export interface AssistanceAck {
  badge: string;
  name: string;
  /** Where the acknowledgement came from, e.g. "kiosk-console" or a remote console's id. */
  via: string;
  at: number;
}

export class AssistanceCall {
  requested = false;
  /** When the current request was raised (ms since epoch), or null. */
  since: number | null = null;
  ack: AssistanceAck | null = null;

  /** Raises a request; one already open keeps its time and acknowledgement. */
  raise(now: number): void {
    if (this.requested) return;
    this.requested = true;
    this.since = now;
    this.ack = null;
  }

  /** Records who saw the request. False when there is nothing to acknowledge or it was already. */
  acknowledge(by: { badge: string; name: string }, via: string, now: number): boolean {
    if (!this.requested || this.ack) return false;
    this.ack = { badge: by.badge, name: by.name, via, at: now };
    return true;
  }

  /** Ends the request (staff finished, the session ended). Answers what was open, for the log. */
  clear(): { since: number | null; ack: AssistanceAck | null } | null {
    if (!this.requested) return null;
    const was = { since: this.since, ack: this.ack };
    this.requested = false;
    this.since = null;
    this.ack = null;
    return was;
  }

  /** The view's `assistance` field. */
  view(): { requested: boolean; acknowledged: boolean; since: number | null } {
    return { requested: this.requested, acknowledged: this.ack !== null, since: this.since };
  }

  /** Whole minutes the request has waited at `now` (0 within the first minute). */
  minutesWaiting(now: number): number {
    return this.since === null ? 0 : Math.max(0, Math.floor((now - this.since) / 60_000));
  }
}
