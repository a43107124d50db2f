import { contextBridge, ipcRenderer } from 'electron';
import type { IntentName, IntentPayload, IntentResult, KassaApi, PushMap, PushName } from './ipc/contract';

/**
 * Puts exactly the contract on window.kassa. Runs sandboxed: no Node, no zod here; the main
 * process validates every payload. Raw ipcRenderer is used nowhere else.
 */
const api: KassaApi = {
  invoke<C extends IntentName>(channel: C, payload: IntentPayload<C>): Promise<IntentResult> {
    return ipcRenderer.invoke(`kassa:${channel}`, payload) as Promise<IntentResult>;
  },
  on<P extends PushName>(channel: P, cb: (payload: PushMap[P]) => void): () => void {
    const listener = (_e: unknown, payload: PushMap[P]) => cb(payload);
    ipcRenderer.on(`kassa:push:${channel}`, listener);
    return () => ipcRenderer.removeListener(`kassa:push:${channel}`, listener);
  },
};

contextBridge.exposeInMainWorld('kassa', api);
