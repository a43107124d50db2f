/** Reads a store stream as the store node's user: every event's message id, in stream order. */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { inboxPrefix } from '../../../electron/store/subjects';

export async function streamIds(url: string, user: string, pass: string, stream: string, opts: { domain?: string } = {}): Promise<{ ids: string[]; subjects: string[] }> {
  const nc = await connect({ servers: url, user, pass, inboxPrefix: inboxPrefix(user) }); // replies only under the user's own inbox
  try {
    const jsm = await jetstreamManager(nc, opts.domain ? { domain: opts.domain } : {});
    const info = await jsm.streams.info(stream);
    const ids: string[] = [];
    const subjects: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (!m) continue;
      ids.push((m.json() as { id: string }).id);
      subjects.push(m.subject);
    }
    return { ids, subjects };
  } finally {
    await nc.close();
  }
}
